# The IGMC reference's schedule: Adam lr 1e-3, batch 50, 80 epochs, lr x0.1 every 50 epochs.
_base_ = ['../default_runtime.py']
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=80, val_interval=10)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
optim_wrapper = dict(type='OptimWrapper', optimizer=dict(type='Adam', lr=1e-3))
param_scheduler = [dict(type='MultiStepLR', by_epoch=True, milestones=[50], gamma=0.1)]
default_hooks = dict(
    logger=dict(type='LoggerHook', interval=200),
    # epochs 50, 60, 70, 80 stay on disk: the reference ensembles them (ensemble_test.py)
    checkpoint=dict(type='CheckpointHook', interval=10, max_keep_ckpts=4, save_last=True),
)
