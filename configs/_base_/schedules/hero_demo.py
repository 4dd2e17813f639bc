# The HERO demos' schedule and runtime: Adam 1e-3, 300 iterations, validation at the end.
_base_ = ['./adam_iters.py']

optim_wrapper = dict(optimizer=dict(lr=1e-3))
train_cfg = dict(max_iters=300, val_interval=300)
default_hooks = dict(
    logger=dict(interval=50), checkpoint=dict(interval=300, by_epoch=False, max_keep_ckpts=1)
)
log_processor = dict(by_epoch=False)
