# dEA ablation, step 2: entity typing fine-tuned from ERNIE pre-trained with MLM + NSP + dEA
# (tools/train.py configs/ernie/ernie_pretrain_demo.py --work-dir work_dirs/ernie_pretrain_demo).
_base_ = ['./ernie_typing_demo.py']

load_from = 'work_dirs/ernie_pretrain_demo/iter_300.pth'
