# Cluster-GCN on Cora (public split): the graph minus the test nodes in 10 METIS clusters, 5 per
# batch; 2 layers of 64, both propagating on the batch subgraph (no [AX, X] precompute: on Cora it
# cost ~1.2 points, see README); full-graph evaluation. Compare with configs/gcn/gcn_planetoid_cora.py.
_base_ = [
    '../_base_/models/cluster_gcn.py',
    '../_base_/datasets/planetoid_cora.py',
    '../_base_/schedules/full_graph_adam.py',
]
# The whole node dataset, spelled out: the train loader replaces the base's (_delete_) and a
# variable here does not see the base file's `graph`.
graph = dict(
    type='PlanetoidDataset',
    data_root='data/planetoid',
    name='cora',
    normalize_features='l1',
    sparse_features=False,
)
train_dataloader = dict(
    _delete_=True,
    batch_size=5,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='mmblog.cluster_collate'),
    dataset=dict(
        type='ClusterDataset', graph=graph, num_parts=10, exclude=('test',), precompute=False
    ),
)
val_dataloader = dict(dataset=graph)
test_dataloader = dict(dataset=graph)
model = dict(
    backbone=dict(
        in_channels=1433, hidden_channels=[64], out_channels=7, dropout=0.5, precompute=False
    ),
    head=dict(multilabel=False),
)
