# GP curves drawn on the fly (DeepMind CNP notebook): each dataset item is a whole batch with
# one num_context / num_target, so the dataloader takes one item per step.
train_dataloader = dict(
    batch_size=1,
    num_workers=0,
    sampler=dict(type='InfiniteSampler', shuffle=False),
    collate_fn=dict(type='mmblog.gp_batch_collate'),
    dataset=dict(
        type='GPCurvesDataset', batch_size=64, max_num_context=10, num_batches=200000, seed=0
    ),
)
# Validation = what the notebook prints while training: -mean log p on fresh batches drawn like
# the training ones (64 curves, random x, targets include the contexts), here a held-out seed.
val_dataloader = dict(
    batch_size=1,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='mmblog.gp_batch_collate'),
    dataset=dict(type='GPCurvesDataset', batch_size=64, max_num_context=10, num_batches=50, seed=1),
)
# Test = the notebook's plotting set: one curve per batch, 400 evenly spaced targets on [-2, 2)
# and 3..9 contexts among them (also what demo/cnp_demo.py plots).
test_dataloader = dict(
    batch_size=1,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='mmblog.gp_batch_collate'),
    dataset=dict(
        type='GPCurvesDataset',
        batch_size=1,
        max_num_context=10,
        testing=True,
        num_batches=200,
        seed=2,
    ),
)
val_evaluator = dict(type='CNPMetric')
test_evaluator = val_evaluator
