# CPU smoke demo: full-width Inception v3 with its aux head on the generated ImageNet-style
# folder at 96x96 (the grid reductions need >= ~75 pixels); 1 epoch.
_base_ = [
    '../_base_/models/inception_v3.py',
    '../_base_/datasets/imagenet_folder_demo.py',
    '../_base_/schedules/demo_sgd.py',
    '../_base_/default_runtime.py',
]
crop_size = 96
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='RandomResizedCrop', size=crop_size, scale=(0.5, 1.0)),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    dict(type='PackClsInputs'),
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='ResizeEdge', scale=crop_size, edge='short'),
    dict(type='CenterCrop', crop_size=crop_size),
    dict(type='PackClsInputs'),
]
train_dataloader = dict(batch_size=8, dataset=dict(pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(pipeline=test_pipeline))
test_dataloader = val_dataloader
model = dict(
    head=dict(num_classes=5),
    aux_heads=[
        dict(
            type='InceptionV3AuxHead',
            num_classes=5,
            in_channels=768,
            in_index=0,
            loss_weight=0.3,
            loss=dict(type='CrossEntropyLoss', label_smoothing=0.1),
        )
    ],
)
optim_wrapper = dict(optimizer=dict(lr=0.01))
train_cfg = dict(max_epochs=1)
default_hooks = dict(logger=dict(interval=5))
