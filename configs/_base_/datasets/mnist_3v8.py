# Two MNIST digit classes, 3 (label 0) vs 8 (label 1), for binary (margin-loss) classifiers.
data_root = 'data/mnist'
groups = [[3], [8]]
pipeline = [dict(type='PackClsInputs')]
train_dataloader = dict(
    batch_size=32,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(
        type='ClassGroupDataset',
        groups=groups,
        group_names=['3', '8'],
        dataset=dict(type='MNISTDataset', data_root=data_root, split='train'),
        pipeline=pipeline,
    ),
)
val_dataloader = dict(
    batch_size=100,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='default_collate'),
    dataset=dict(
        type='ClassGroupDataset',
        groups=groups,
        group_names=['3', '8'],
        dataset=dict(type='MNISTDataset', data_root=data_root, split='test'),
        pipeline=pipeline,
    ),
)
test_dataloader = val_dataloader
val_evaluator = [dict(type='Accuracy', topk=(1,)), dict(type='ZeroOneError')]
test_evaluator = val_evaluator
