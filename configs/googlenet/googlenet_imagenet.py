# Seed 004: GoogLeNet with both auxiliary classifiers (loss weight 0.3, training only),
# SGD momentum 0.9, lr x0.96 every 8 epochs.
_base_ = [
    '../_base_/models/googlenet.py',
    '../_base_/datasets/imagenet_bs32.py',
    '../_base_/schedules/googlenet_step8.py',
    '../_base_/default_runtime.py',
]
visualizer = dict(type='ClsVisualizer')
