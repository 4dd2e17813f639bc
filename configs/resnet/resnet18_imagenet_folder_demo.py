# CPU demo: ResNet-18 on the generated ImageNet-style folder (class sub-folders, JPEG, 64x64).
_base_ = [
    '../_base_/models/resnet50.py',
    '../_base_/datasets/imagenet_folder_demo.py',
    '../_base_/schedules/demo_sgd.py',
    '../_base_/default_runtime.py',
]
model = dict(backbone=dict(depth=18), head=dict(num_classes=5, in_channels=512))
default_hooks = dict(logger=dict(interval=5))
