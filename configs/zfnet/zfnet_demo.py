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
# 200 training images: 15 epochs left it at 0.64-0.78 top-1, 40 reach 1.0 (about a CPU minute).
param_scheduler = [dict(type='CosineAnnealingLR', by_epoch=True, T_max=40, eta_min=1e-4)]
train_cfg = dict(max_epochs=40, val_interval=10)
default_hooks = dict(logger=dict(interval=5))
# tools/test.py --show-dir draws each image with its predicted label
visualizer = dict(type='ClsVisualizer')
