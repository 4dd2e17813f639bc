# ERNIE-ViL VCR-style multiple choice ('what is left of the blue square', 4 options) on
# detector features, through tools/train.py (--cfg-options load_from=CKPT: pre-trained).
_base_ = [
    '../_base_/models/ernie_vil_demo.py',
    '../_base_/datasets/ernie_vil_scenes_downstream_demo.py',
    '../_base_/schedules/ernie_vil_demo.py',
]

model = dict(tasks=dict(_delete_=True, vcr=1), num_answers=7)
train_dataloader = dict(batch_size=8, dataset=dict(mode='vcr'))
val_dataloader = dict(dataset=dict(mode='vcr'))
test_dataloader = val_dataloader
train_cfg = dict(max_iters=120, val_interval=120)
default_hooks = dict(checkpoint=dict(interval=120))
