# Cluster-GCN training: Adam lr 0.01; an epoch visits every cluster once (p / q batches);
# validation on the full graph every epoch; batch memory in the log.
_base_ = ['../default_runtime.py']
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=200, val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
optim_wrapper = dict(type='OptimWrapper', optimizer=dict(type='Adam', lr=0.01))
default_hooks = dict(
    logger=dict(type='LoggerHook', interval=10),
    checkpoint=dict(type='CheckpointHook', interval=10, save_last=True, max_keep_ckpts=1),
)
custom_hooks = [dict(type='BatchMemoryHook')]
