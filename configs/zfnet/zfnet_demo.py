# CPU demo: a narrow ZFNet on the generated ImageNet-style folder (64x64 crops).
_base_ = [
    '../_base_/models/zfnet.py',
    '../_base_/datasets/imagenet_folder_demo.py',
    '../_base_/schedules/demo_sgd.py',
    '../_base_/default_runtime.py',
]
model = dict(
    backbone=dict(channels=(32, 64, 96, 96, 64), pool_size=1),
    head=dict(
        num_classes=5,
        in_channels=64,
        mid_channels=(256, 256),
        dropout=0.0,
        init_cfg=dict(type='Kaiming', layer='Linear', mode='fan_in', distribution='uniform'),
    ),
)
optim_wrapper = dict(optimizer=dict(lr=0.02))
param_scheduler = [dict(type='CosineAnnealingLR', by_epoch=True, T_max=15, eta_min=1e-4)]
train_cfg = dict(max_epochs=15, val_interval=5)
default_hooks = dict(logger=dict(interval=5))
