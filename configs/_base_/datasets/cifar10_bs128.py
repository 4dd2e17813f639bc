# CIFAR-10 python batches. Training augmentation of the TF cifar10_estimator tutorial
# (use_distortion_for_training): pad 32 -> 40, random 32x32 crop, random horizontal flip.
dataset_type = 'CIFAR10Dataset'
data_root = 'data/cifar10'

train_pipeline = [
    dict(type='RandomCrop', crop_size=32, padding=4),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    dict(type='PackClsInputs'),
]
test_pipeline = [dict(type='PackClsInputs')]
train_dataloader = dict(
    batch_size=128,
    num_workers=2,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(type=dataset_type, data_root=data_root, split='train', pipeline=train_pipeline),
)
# The tutorial's --eval-batch-size is 100.
val_dataloader = dict(
    batch_size=100,
    num_workers=2,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='default_collate'),
    dataset=dict(type=dataset_type, data_root=data_root, split='test', pipeline=test_pipeline),
)
test_dataloader = val_dataloader
val_evaluator = dict(type='Accuracy', topk=(1, 5))
test_evaluator = val_evaluator
