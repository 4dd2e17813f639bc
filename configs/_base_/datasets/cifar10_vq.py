# CIFAR-10 python batches (unpack cifar-10-python.tar.gz under data/cifar10).
dataset_type = 'CIFARBatchDataset'
data_root = 'data/cifar10/cifar-10-batches-py'
pipeline = [dict(type='PackClsInputs')]

train_dataloader = dict(
    batch_size=128,
    num_workers=2,
    sampler=dict(type='InfiniteSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(type=dataset_type, data_root=data_root, split='train', pipeline=pipeline),
)
val_dataloader = dict(
    batch_size=250,
    num_workers=2,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='default_collate'),
    dataset=dict(type=dataset_type, data_root=data_root, split='test', pipeline=pipeline),
)
test_dataloader = val_dataloader
val_evaluator = dict(type='ReconstructionMetric')
test_evaluator = val_evaluator
