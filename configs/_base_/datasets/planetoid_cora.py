# Cora with the public Planetoid split (140 train / 500 val / 1000 test) from the raw ind.* files.
# The whole graph is one sample: one training "epoch" = one full-graph step; val/test score the
# val/test masks of the same graph.
dataset_type = 'PlanetoidDataset'
data_root = 'data/planetoid'
graph = dict(
    type=dataset_type,
    data_root=data_root,
    name='cora',
    normalize_features='l1',
    # Bag-of-words rows are ~1% dense: the first layer runs a sparse matmul.
    sparse_features=True,
)
loader = dict(
    batch_size=1,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='mmblog.graph_collate'),
)
train_dataloader = dict(**loader, dataset=dict(**graph, split='train'))
val_dataloader = dict(**loader, dataset=dict(**graph, split='val'))
test_dataloader = dict(**loader, dataset=dict(**graph, split='test'))
val_evaluator = [dict(type='Accuracy'), dict(type='CrossEntropy')]
test_evaluator = [dict(type='Accuracy'), dict(type='F1Score')]
