# DBLP four-area (raw files of Jhy1993/HAN): author classification, 4 areas. One HeteroData is
# one sample; a training "epoch" is one full-graph step. Split: a random 24/6/70 split of the
# 4057 labelled authors (HGB's proportions), split_seed 0.
dataset_type = 'DBLPDataset'
data_root = 'data/dblp_four_area'
# The 8920 term nodes are dropped after the features are built (CPU budget; see DBLPDataset).
graph = dict(type=dataset_type, data_root=data_root, split_seed=0, drop_node_types=('term',))
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
