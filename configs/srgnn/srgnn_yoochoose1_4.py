# SR-GNN on YOOCHOOSE 1/4 (paper: P@20 71.36, MRR@20 31.89).
_base_ = ['./srgnn_yoochoose1_64.py']
sessions = dict(data_root='data/yoochoose/yoochoose1_4')
train_dataloader = dict(dataset=sessions)
val_dataloader = dict(dataset=sessions)
test_dataloader = dict(dataset=sessions)
