# AlexNet: SGD momentum 0.9, lr 0.01, weight decay 5e-4, lr / 10 when validation accuracy stops
# improving (the paper did this by hand three times in ~90 epochs).
optim_wrapper = dict(
    type='ZeroBeforeBackwardOptimWrapper',
    optimizer=dict(type='SGD', lr=0.01, momentum=0.9, weight_decay=5e-4),
)
param_scheduler = [
    dict(
        type='ReduceOnPlateauLR',
        monitor='accuracy/top1',
        rule='greater',
        factor=0.1,
        patience=3,
        min_value=1e-5,
        by_epoch=True,
    ),
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=90, val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
auto_scale_lr = dict(enable=False, base_batch_size=128)
