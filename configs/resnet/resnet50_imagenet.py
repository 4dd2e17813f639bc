# ResNet-50 on ImageNet: batch 256 (8 x 32), SGD momentum 0.9, lr 0.1 / 10 at epochs 30/60/90,
# weight decay 1e-4, BN after every conv, no dropout.
_base_ = [
    '../_base_/models/resnet50.py',
    '../_base_/datasets/imagenet_bs32.py',
    '../_base_/schedules/imagenet_sgd_step30.py',
    '../_base_/default_runtime.py',
]
model = dict(backbone=dict(depth=50), head=dict(in_channels=2048))
visualizer = dict(type='ClsVisualizer')
