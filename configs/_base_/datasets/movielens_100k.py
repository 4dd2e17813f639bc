# MovieLens-100K, official u1 split (u1.base 80000 train / u1.test 20000 test ratings). Every
# rating is one sample: its 1-hop enclosing subgraph (<= 200 users and items per hop) in the
# training graph. Extraction is cached under cache_dir.
dataset_type = 'MovieLensDataset'
data_root = 'data/ml-100k'
ratings = dict(
    type=dataset_type,
    data_root=data_root,
    train_file='u1.base',
    test_file='u1.test',
    hop=1,
    max_nodes_per_hop=200,
    num_workers=0,
    cache_dir='data/cache/igmc_ml100k',
)
loader = dict(batch_size=50, num_workers=0, collate_fn=dict(type='mmblog.graph_collate'))
train_dataloader = dict(
    **loader,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(**ratings, split='train'),
)
val_dataloader = dict(
    **loader,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(**ratings, split='test'),
)
test_dataloader = val_dataloader
val_evaluator = dict(type='RMSE')
test_evaluator = val_evaluator
