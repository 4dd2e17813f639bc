# Iteration-based Adam schedule and runtime shared by the generative configs (override lr /
# max_iters); checkpoints and logs count iterations.
_base_ = ['../default_runtime.py']
optim_wrapper = dict(type='OptimWrapper', optimizer=dict(type='Adam', lr=1e-4))
param_scheduler = []
train_cfg = dict(type='IterBasedTrainLoop', max_iters=200000, val_interval=20000)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
default_hooks = dict(
    logger=dict(interval=100),
    checkpoint=dict(by_epoch=False, interval=10000, max_keep_ckpts=3),
)
log_processor = dict(by_epoch=False)
