# TF cifar10_estimator (cifar10_main.py): MomentumOptimizer(0.9), weight decay 2e-4,
# learning rate 0.1 with tf.train.piecewise_constant: x1, x0.1, x0.01, x0.002 at epochs
# 82, 123, 300 of num_batches_per_epoch = 45000 // 128 = 351 steps; --train-steps 80000.
batches_per_epoch = 45000 // 128
optim_wrapper = dict(
    type='ZeroBeforeBackwardOptimWrapper',
    optimizer=dict(type='SGD', lr=0.1, momentum=0.9, weight_decay=2e-4),
)
param_scheduler = [
    dict(
        type='MultiStepLR',
        by_epoch=False,
        gamma=0.1,
        milestones=[82 * batches_per_epoch, 123 * batches_per_epoch],
    ),
    dict(type='MultiStepLR', by_epoch=False, gamma=0.2, milestones=[300 * batches_per_epoch]),
]
train_cfg = dict(type='IterBasedTrainLoop', max_iters=80000, val_interval=4000)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
auto_scale_lr = dict(enable=False, base_batch_size=128)
