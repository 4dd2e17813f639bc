# CIFAR ResNet-20 with the cifar10_estimator recipe (--num-layers 20).
_base_ = ['./resnet44_cifar10.py']
model = dict(backbone=dict(depth=20))
