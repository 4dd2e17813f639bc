# Short CPU schedule for the demo variants: SGD momentum 0.9, cosine decay over a few epochs.
optim_wrapper = dict(
    type='ZeroBeforeBackwardOptimWrapper',
    optimizer=dict(type='SGD', lr=0.05, momentum=0.9, weight_decay=5e-4),
)
param_scheduler = [dict(type='CosineAnnealingLR', by_epoch=True, T_max=4, eta_min=1e-4)]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=4, val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
auto_scale_lr = dict(enable=False, base_batch_size=32)
