# Image folder (ImageNet layout, one sub-folder per class) of 32x32 images; the demo generator
# `make_demo_data.py --only vq_images` writes shapes / gradients / textures in this layout.
dataset_type = 'ImageFolderDataset'
data_root = 'data/demo/vq_images'
pipeline = [dict(type='mmcv.LoadImageFromFile'), dict(type='PackClsInputs')]

train_dataloader = dict(
    batch_size=32,
    num_workers=0,
    sampler=dict(type='InfiniteSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(type=dataset_type, data_root=data_root, data_prefix='train', pipeline=pipeline),
)
val_dataloader = dict(
    batch_size=50,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='default_collate'),
    dataset=dict(type=dataset_type, data_root=data_root, data_prefix='val', pipeline=pipeline),
)
test_dataloader = val_dataloader
val_evaluator = dict(type='ReconstructionMetric')
test_evaluator = val_evaluator
