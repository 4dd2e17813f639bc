# The ERNIE-ViL demos' schedule: Adam 1e-3, 800 iterations of 32 captions, cloze test at the end.
_base_ = ['./adam_iters.py']

optim_wrapper = dict(optimizer=dict(lr=1e-3))
train_cfg = dict(max_iters=800, val_interval=800)
default_hooks = dict(
    logger=dict(interval=100), checkpoint=dict(interval=800, by_epoch=False, max_keep_ckpts=1)
)
