# CIFAR-10 python batches (unpack cifar-10-python.tar.gz under data/cifar10). BGR like the
# image-folder datasets, so VQ models and the PNG writers see one channel order.
dataset_type = 'CIFAR10Dataset'
data_root = 'data/cifar10'
pipeline = [dict(type='PackClsInputs')]

train_dataloader = dict(
    batch_size=128,
    num_workers=2,
    sampler=dict(type='InfiniteSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        split='train',
        channel_order='bgr',
        pipeline=pipeline,
    ),
)
val_dataloader = dict(
    batch_size=250,
    num_workers=2,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='default_collate'),
    dataset=dict(
        type=dataset_type, data_root=data_root, split='test', channel_order='bgr', pipeline=pipeline
    ),
)
test_dataloader = val_dataloader
val_evaluator = dict(type='ReconstructionMetric')
test_evaluator = val_evaluator
