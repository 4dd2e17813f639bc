# ERNIE-ViL VCR-style multiple choice ('what is left of the blue square', 4 options) on
# detector features, through tools/train.py (--cfg-options load_from=CKPT: pre-trained, e.g. the
# ernie_vil_itm_scenes_demo.py run). 400 iterations at lr 1e-3: at 120 / 2e-3 it stayed at ln 4.
_base_ = [
    '../_base_/models/ernie_vil_demo.py',
    '../_base_/datasets/ernie_vil_scenes_downstream_demo.py',
    '../_base_/schedules/ernie_vil_demo.py',
]

model = dict(tasks=dict(_delete_=True, vcr=1), num_answers=7)
train_dataloader = dict(batch_size=8, dataset=dict(mode='vcr'))
val_dataloader = dict(dataset=dict(mode='vcr'))
test_dataloader = val_dataloader
optim_wrapper = dict(optimizer=dict(lr=1e-3))
train_cfg = dict(max_iters=400, val_interval=400)
default_hooks = dict(checkpoint=dict(interval=400))
