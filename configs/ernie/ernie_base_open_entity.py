# ERNIE (THU) fine-tuned on OpenEntity (paper: micro-F1 75.56; BERT 73.56).
_base_ = [
    '../_base_/models/ernie_base_typing.py',
    '../_base_/datasets/open_entity.py',
    '../_base_/schedules/ernie_finetune.py',
    '../_base_/default_runtime.py',
]

default_hooks = dict(checkpoint=dict(save_best='typing/micro_f1', rule='greater', max_keep_ckpts=1))
