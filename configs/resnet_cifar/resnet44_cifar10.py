# Seed 003: the TF cifar10_estimator tutorial's defaults -- ResNet-44 (--num-layers 44),
# batch 128, lr 0.1 piecewise-constant, momentum 0.9, weight decay 2e-4, 80000 steps.
_base_ = [
    '../_base_/models/resnet_cifar.py',
    '../_base_/datasets/cifar10_bs128.py',
    '../_base_/schedules/cifar10_piecewise.py',
    '../_base_/default_runtime.py',
]
model = dict(backbone=dict(depth=44))
default_hooks = dict(
    logger=dict(interval=100),
    checkpoint=dict(type='CheckpointHook', interval=4000, by_epoch=False, max_keep_ckpts=3),
)
log_processor = dict(by_epoch=False)
visualizer = dict(type='ClsVisualizer')
