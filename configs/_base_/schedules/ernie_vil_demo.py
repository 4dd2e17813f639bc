# The ERNIE-ViL demos' schedule: Adam 2e-3, 400 iterations of 32 captions, cloze test at the end.
_base_ = ['./adam_iters.py']

optim_wrapper = dict(optimizer=dict(lr=2e-3))
train_cfg = dict(max_iters=400, val_interval=400)
default_hooks = dict(
    logger=dict(interval=50), checkpoint=dict(interval=400, by_epoch=False, max_keep_ckpts=1)
)
