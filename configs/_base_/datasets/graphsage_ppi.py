# PPI in the GraphSAGE layout (ppi-G.json, -feats.npy, -class_map.json, -id_map.json): 121
# labels, inductive (val/test graphs unseen in training). Training batches are q METIS clusters
# of the training graph; validation/testing run on the full graph.
graph = dict(
    type='GraphSAGEDataset', data_root='data/ppi', prefix='ppi', normalize_features='standardize'
)
train_dataloader = dict(
    batch_size=1,  # q: clusters per batch
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='mmblog.cluster_collate'),
    dataset=dict(
        type='ClusterDataset',
        graph=graph,
        num_parts=50,
        partition='metis',
        exclude=('val', 'test'),
        norm='diag',
        diag_lambda=1.0,
    ),
)
full = dict(
    batch_size=1,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='mmblog.graph_collate'),
)
val_dataloader = dict(**full, dataset=dict(**graph, split='val'))
test_dataloader = dict(**full, dataset=dict(**graph, split='test'))
val_evaluator = [dict(type='F1Score')]
test_evaluator = val_evaluator
