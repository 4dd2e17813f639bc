# The generated seven-task corpus (python tools/misc/make_demo_data.py --only ernie2_corpus).
# Training batches come one input format at a time (Ernie2ContinualLoop replaces task_format);
# validation scores every task on the val split of every format.
data_root = 'data/demo/ernie2_corpus'
pipeline = [dict(type='PackErnie2Inputs')]
formats = (
    'segment',
    'sentence_reordering',
    'sentence_distance',
    'discourse_relation',
    'ir_relevance',
)
train_dataloader = dict(
    batch_size=32,
    num_workers=0,
    persistent_workers=False,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(type='Ernie2TaskDataset', data_root=data_root, split='train', pipeline=pipeline),
)
val_dataloader = dict(
    batch_size=128,
    num_workers=0,
    persistent_workers=False,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type='ConcatDataset',
        datasets=[
            dict(
                type='Ernie2TaskDataset',
                data_root=data_root,
                split='val',
                task_format=f,
                pipeline=pipeline,
            )
            for f in formats
        ],
    ),
)
test_dataloader = val_dataloader
val_evaluator = dict(type='Ernie2TaskAccuracy')
test_evaluator = val_evaluator
