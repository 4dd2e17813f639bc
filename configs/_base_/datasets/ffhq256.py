# FFHQ (or any unlabelled image folder) resized to 256x256; put the images under
# data/ffhq/train and data/ffhq/val (sub-folders are shards, not classes).
dataset_type = 'ImageFolderDataset'
data_root = 'data/ffhq'
pipeline = [
    dict(type='mmcv.LoadImageFromFile'),
    dict(type='mmcv.Resize', scale=(256, 256)),
    dict(type='PackClsInputs'),
]

train_dataloader = dict(
    batch_size=128,
    num_workers=8,
    sampler=dict(type='InfiniteSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        data_prefix='train',
        with_label=False,
        pipeline=pipeline,
    ),
)
val_dataloader = dict(
    batch_size=64,
    num_workers=8,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='default_collate'),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        data_prefix='val',
        with_label=False,
        pipeline=pipeline,
    ),
)
test_dataloader = val_dataloader
val_evaluator = dict(type='ReconstructionMetric')
test_evaluator = val_evaluator
