# CPU demo: ResNet-18 (the shared backbone, 1-channel input) on the generated digits at 32x32.
_base_ = [
    '../_base_/models/resnet50.py',
    '../_base_/datasets/mnist_digits_cnn.py',
    '../_base_/schedules/demo_sgd.py',
    '../_base_/default_runtime.py',
]
model = dict(
    data_preprocessor=dict(mean=[33.0], std=[78.0], bgr_to_rgb=False),
    backbone=dict(depth=18, in_channels=1),
    head=dict(num_classes=10, in_channels=512),
)
optim_wrapper = dict(optimizer=dict(lr=0.02))
default_hooks = dict(logger=dict(interval=10))
