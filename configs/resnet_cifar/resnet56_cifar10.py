# CIFAR ResNet-56 with the cifar10_estimator recipe (--num-layers 56).
_base_ = ['./resnet44_cifar10.py']
model = dict(backbone=dict(depth=56))
