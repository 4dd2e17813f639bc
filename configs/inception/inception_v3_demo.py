# CPU demo: Inception v3 at 1/4 width (every layer and module of the paper, channels / 4) with
# its aux head on the generated ImageNet-style folder at 75x75, the smallest input the grid
# reductions take. AdamW with a warm-up and cosine decay over 30 epochs; full width at 75 px
# cost ~10 s per batch of 8 on the shared CPU and stayed near chance for 6 epochs, and SGD at
# lr 0.01-0.05 diverged or stayed at chance.
_base_ = [
    '../_base_/models/inception_v3.py',
    '../_base_/datasets/imagenet_folder_demo.py',
    '../_base_/schedules/demo_sgd.py',
    '../_base_/default_runtime.py',
]
crop_size = 75
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='RandomResizedCrop', size=crop_size, scale=(0.5, 1.0)),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    dict(type='PackClsInputs'),
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='ResizeEdge', scale=80, edge='short'),
    dict(type='CenterCrop', crop_size=crop_size),
    dict(type='PackClsInputs'),
]
train_dataloader = dict(batch_size=16, dataset=dict(pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(pipeline=test_pipeline))
test_dataloader = val_dataloader
width = 0.25
model = dict(
    backbone=dict(width_mult=width),
    head=dict(num_classes=5, in_channels=int(2048 * width), dropout=0.2),
    aux_heads=[
        dict(
            type='InceptionV3AuxHead',
            num_classes=5,
            in_channels=int(768 * width),
            in_index=0,
            loss_weight=0.3,
            loss=dict(type='CrossEntropyLoss', label_smoothing=0.1),
        )
    ],
)
optim_wrapper = dict(optimizer=dict(_delete_=True, type='AdamW', lr=2e-3, weight_decay=1e-4))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=False, begin=0, end=13),
    dict(type='CosineAnnealingLR', by_epoch=True, T_max=30, eta_min=1e-5),
]
train_cfg = dict(max_epochs=30, val_interval=5)
default_hooks = dict(logger=dict(interval=5))
# tools/test.py --show-dir draws each image with its predicted label
visualizer = dict(type='ClsVisualizer')
