# The SR-GNN reference's schedule: Adam lr 1e-3 with L2 1e-5 (Adam weight_decay, as the
# reference), lr x0.1 every 3 epochs, 30 epochs (the post's "10^-1" L2 is a typo).
_base_ = ['../default_runtime.py']
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=30, val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
optim_wrapper = dict(type='OptimWrapper', optimizer=dict(type='Adam', lr=1e-3, weight_decay=1e-5))
param_scheduler = [dict(type='StepLR', by_epoch=True, step_size=3, gamma=0.1)]
default_hooks = dict(
    logger=dict(type='LoggerHook', interval=500),
    checkpoint=dict(
        type='CheckpointHook', interval=1, max_keep_ckpts=1, save_best='P@20', rule='greater'
    ),
)
