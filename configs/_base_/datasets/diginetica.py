# DIGINETICA (CIKM Cup 2016) converted by tools/dataset_converters/diginetica.py: next-item pairs
# of the sessions before the last 7 days (train; 10% of the pairs held out as val) and of the
# last 7 days (test). Batch 100 as the paper.
dataset_type = 'SessionClicksDataset'
sessions = dict(type=dataset_type, data_root='data/diginetica', val_ratio=0.1, seed=0)
loader = dict(batch_size=100, num_workers=0, collate_fn=dict(type='mmblog.session_collate'))
train_dataloader = dict(
    **loader,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(**sessions, split='train'),
)
val_dataloader = dict(
    **loader,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(**sessions, split='val'),
)
test_dataloader = dict(
    **loader,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(**sessions, split='test'),
)
val_evaluator = dict(type='RankingMetric', topk=(20,))
test_evaluator = val_evaluator
