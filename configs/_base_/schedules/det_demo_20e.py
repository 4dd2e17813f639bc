# CPU demo schedule of the R-CNN demos: 20 epochs from scratch, warm-up, steps at 15 and 18,
# gradient clipping (tiny batches from scratch spike early).
_base_ = './schedule_1x.py'

train_cfg = dict(max_epochs=20, val_interval=5)
param_scheduler = [
    dict(type='LinearLR', start_factor=0.01, by_epoch=False, begin=0, end=100),
    dict(type='MultiStepLR', begin=0, end=20, by_epoch=True, milestones=[15, 18], gamma=0.1),
]
optim_wrapper = dict(optimizer=dict(lr=0.02), clip_grad=dict(max_norm=10, norm_type=2))
