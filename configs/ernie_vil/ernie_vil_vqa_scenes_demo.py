# ERNIE-ViL VQA on generated 'what colour / what shape' questions (7 answers, soft-score BCE),
# trained through tools/train.py on detector features (--cfg-options load_from=CKPT: pre-trained).
_base_ = [
    '../_base_/models/ernie_vil_demo.py',
    '../_base_/datasets/ernie_vil_scenes_downstream_demo.py',
    '../_base_/schedules/ernie_vil_demo.py',
]

model = dict(tasks=dict(_delete_=True, vqa=1), num_answers=7)
train_dataloader = dict(dataset=dict(mode='vqa'))
val_dataloader = dict(dataset=dict(mode='vqa'))
test_dataloader = val_dataloader
train_cfg = dict(max_iters=150, val_interval=150)
default_hooks = dict(checkpoint=dict(interval=150))
