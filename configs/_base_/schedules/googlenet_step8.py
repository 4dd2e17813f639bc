# GoogLeNet: asynchronous SGD with momentum 0.9 and a learning rate decreased by 4% every
# 8 epochs (x0.96). The paper gives no base lr; 0.01 here.
optim_wrapper = dict(
    type='ZeroBeforeBackwardOptimWrapper',
    optimizer=dict(type='SGD', lr=0.01, momentum=0.9, weight_decay=2e-4),
)
param_scheduler = [dict(type='StepLR', by_epoch=True, step_size=8, gamma=0.96)]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=250, val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
auto_scale_lr = dict(enable=False, base_batch_size=256)
