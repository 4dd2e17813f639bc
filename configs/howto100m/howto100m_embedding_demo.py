# CPU demo (~1 min on 2 cores): the generated HowTo100M, 128-d features, d = 256, batches of
# 16 videos x 4 clips; R@1 on 200 held-out clips against chance 0.5%.
_base_ = [
    '../_base_/models/howto100m.py',
    '../_base_/datasets/howto100m_demo.py',
    '../_base_/schedules/adam_iters.py',
]

model = dict(video_dim=128, embed_dim=256)
optim_wrapper = dict(optimizer=dict(lr=1e-3))
train_cfg = dict(max_iters=600, val_interval=200)
default_hooks = dict(
    logger=dict(interval=50), checkpoint=dict(interval=600, by_epoch=False, max_keep_ckpts=1)
)
log_processor = dict(by_epoch=False)
