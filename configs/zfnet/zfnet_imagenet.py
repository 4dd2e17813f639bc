# ZFNet: the AlexNet recipe with ZFNet's 7x7/2 first layer, 224x224 crops.
_base_ = [
    '../_base_/models/zfnet.py',
    '../_base_/datasets/imagenet_bs32.py',
    '../_base_/schedules/imagenet_sgd_plateau.py',
    '../_base_/default_runtime.py',
]
train_dataloader = dict(batch_size=128)
visualizer = dict(type='ClsVisualizer')
