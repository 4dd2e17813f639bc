# HowTo100M pre-training as the reference: Adam lr 1e-3, batch 32 videos x 64 clips, d = 2048,
# zero-shot retrieval on a YouCook2-style clip list.
_base_ = [
    '../_base_/models/howto100m.py',
    '../_base_/datasets/howto100m.py',
    '../_base_/schedules/adam_iters.py',
]

optim_wrapper = dict(optimizer=dict(lr=1e-3))
train_cfg = dict(max_iters=100000, val_interval=10000)
default_hooks = dict(checkpoint=dict(interval=10000, by_epoch=False))
log_processor = dict(by_epoch=False)
