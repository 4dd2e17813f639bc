# CPU demo: a narrow VGG-11-BN (3x3 convs only, five 2x2 pools) on the generated digits at
# 32x32; no dropout in the narrow FC layers (it only slows the first epochs on 1.4k images).
_base_ = [
    '../_base_/models/vgg16.py',
    '../_base_/datasets/mnist_digits_cnn.py',
    '../_base_/schedules/demo_sgd.py',
    '../_base_/default_runtime.py',
]
model = dict(
    data_preprocessor=dict(mean=[33.0], std=[78.0], bgr_to_rgb=False),
    backbone=dict(
        depth=11,
        in_channels=1,
        channels=(16, 32, 64, 128, 128),
        pool_size=1,
        norm_cfg=dict(type='BN'),
    ),
    head=dict(num_classes=10, in_channels=128, mid_channels=(256, 256), dropout=0.0),
)
optim_wrapper = dict(optimizer=dict(lr=0.02))
default_hooks = dict(logger=dict(interval=10))
