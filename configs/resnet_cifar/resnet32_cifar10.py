# CIFAR ResNet-32 with the cifar10_estimator recipe (--num-layers 32).
_base_ = ['./resnet44_cifar10.py']
model = dict(backbone=dict(depth=32))
