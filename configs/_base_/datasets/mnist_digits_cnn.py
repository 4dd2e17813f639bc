# Digits (MNIST idx files) for the small CNN demos: the 28x28 images resized to ``img_size``.
dataset_type = 'MNISTDataset'
data_root = 'data/demo/mnist'
img_size = 32

train_pipeline = [
    dict(type='Resize', scale=(img_size, img_size)),
    dict(type='RandomCrop', crop_size=img_size, padding=2),
    dict(type='PackClsInputs'),
]
test_pipeline = [dict(type='Resize', scale=(img_size, img_size)), dict(type='PackClsInputs')]
train_dataloader = dict(
    batch_size=32,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(type=dataset_type, data_root=data_root, split='train', pipeline=train_pipeline),
)
val_dataloader = dict(
    batch_size=100,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='default_collate'),
    dataset=dict(type=dataset_type, data_root=data_root, split='test', pipeline=test_pipeline),
)
test_dataloader = val_dataloader
val_evaluator = dict(type='Accuracy', topk=(1,))
test_evaluator = val_evaluator
