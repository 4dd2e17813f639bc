# CIFAR ResNet-110 with the cifar10_estimator recipe (--num-layers 110).
_base_ = ['./resnet44_cifar10.py']
model = dict(backbone=dict(depth=110))
