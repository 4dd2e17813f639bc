# The HERO demos' schedule and runtime: Adam 1e-3, 400 iterations, validation at 200 and 400.
_base_ = ['./adam_iters.py', '../default_runtime.py']

optim_wrapper = dict(optimizer=dict(lr=1e-3))
train_cfg = dict(max_iters=400, val_interval=200)
default_hooks = dict(
    logger=dict(interval=50), checkpoint=dict(interval=400, by_epoch=False, max_keep_ckpts=1)
)
log_processor = dict(by_epoch=False)
