# dEA ablation, step 2: entity typing fine-tuned from ERNIE pre-trained with MLM + NSP only
# (tools/train.py configs/ernie/ernie_pretrain_demo_no_dea.py --work-dir
# work_dirs/ernie_pretrain_demo_no_dea).
_base_ = ['./ernie_typing_demo.py']

load_from = 'work_dirs/ernie_pretrain_demo_no_dea/iter_300.pth'
