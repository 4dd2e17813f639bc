# ERNIE-ViL referring-expression grounding (the caption's subject phrase; IoU >= 0.5 regions are
# positives) on detector features, through tools/train.py (load_from=CKPT: pre-trained).
_base_ = [
    '../_base_/models/ernie_vil_demo.py',
    '../_base_/datasets/ernie_vil_scenes_downstream_demo.py',
    '../_base_/schedules/ernie_vil_demo.py',
]

model = dict(tasks=dict(_delete_=True, grounding=1), num_answers=7)
train_dataloader = dict(dataset=dict(mode='grounding'))
val_dataloader = dict(dataset=dict(mode='grounding'))
test_dataloader = val_dataloader
train_cfg = dict(max_iters=150, val_interval=150)
default_hooks = dict(checkpoint=dict(interval=150))
