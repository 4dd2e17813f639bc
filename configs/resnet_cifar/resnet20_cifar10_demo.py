# CPU demo: ResNet-20 on generated CIFAR-format shape images (make demo-data, 2000 train /
# 500 test); the same model, augmentation and piecewise-constant lr, shortened to 6 epochs.
_base_ = ['./resnet20_cifar10.py']

data_root = 'data/demo/cifar10'
train_dataloader = dict(batch_size=64, num_workers=0, dataset=dict(data_root=data_root))
val_dataloader = dict(num_workers=0, dataset=dict(data_root=data_root))
test_dataloader = val_dataloader

optim_wrapper = dict(optimizer=dict(lr=0.1))
# x1, x0.1, x0.01 after epochs 4 and 5 (the tutorial's 82/123 boundaries, scaled).
param_scheduler = [
    dict(type='MultiStepLR', by_epoch=True, milestones=[4, 5], gamma=0.1),
]
train_cfg = dict(_delete_=True, type='EpochBasedTrainLoop', max_epochs=6, val_interval=2)
default_hooks = dict(
    logger=dict(interval=10),
    checkpoint=dict(interval=6, by_epoch=True, max_keep_ckpts=1),
)
log_processor = dict(by_epoch=True)
