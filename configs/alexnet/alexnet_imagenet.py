# Seed 004: AlexNet, batch 128, SGD momentum 0.9, lr 0.01 / 10 on plateau, weight decay 5e-4,
# dropout 0.5, 227x227 crops.
_base_ = [
    '../_base_/models/alexnet.py',
    '../_base_/datasets/imagenet_bs32.py',
    '../_base_/schedules/imagenet_sgd_plateau.py',
    '../_base_/default_runtime.py',
]
crop_size = 227
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='RandomResizedCrop', size=crop_size),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    dict(type='PackClsInputs'),
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='ResizeEdge', scale=256, edge='short'),
    dict(type='CenterCrop', crop_size=crop_size),
    dict(type='PackClsInputs'),
]
train_dataloader = dict(batch_size=128, dataset=dict(pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(pipeline=test_pipeline))
test_dataloader = val_dataloader
visualizer = dict(type='ClsVisualizer')
