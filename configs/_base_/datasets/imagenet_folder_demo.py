# The generated ImageNet-style folder tree (make demo-data): 5 shape classes, 80x80 JPEGs.
_base_ = ['./imagenet_bs32.py']
data_root = 'data/demo/imagenet_folder'
crop_size = 64
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='RandomResizedCrop', size=crop_size, scale=(0.5, 1.0)),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    dict(type='PackClsInputs'),
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='ResizeEdge', scale=72, edge='short'),
    dict(type='CenterCrop', crop_size=crop_size),
    dict(type='PackClsInputs'),
]
train_dataloader = dict(
    batch_size=16,
    num_workers=0,
    dataset=dict(
        data_root=data_root,
        data_prefix='train',
        ann_file='meta/train.txt',
        classes='meta/classes.txt',
        pipeline=train_pipeline,
    ),
)
val_dataloader = dict(
    batch_size=25,
    num_workers=0,
    dataset=dict(
        data_root=data_root,
        data_prefix='val',
        ann_file='meta/val.txt',
        classes='meta/classes.txt',
        pipeline=test_pipeline,
    ),
)
test_dataloader = val_dataloader
val_evaluator = dict(type='Accuracy', topk=(1,))
test_evaluator = val_evaluator
