# The no-graph baseline on the generated multi-label graph: an MLP on the node features,
# trained full-graph on the training nodes.
_base_ = ['./cluster_gcn_graphsage_sbm_demo.py']
graph = dict(
    type='GraphSAGEDataset',
    data_root='data/demo/graphsage',
    prefix='sbm',
    normalize_features='standardize',
    split='train',
)
train_dataloader = dict(
    _delete_=True,
    batch_size=1,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='mmblog.graph_collate'),
    dataset=graph,
)
model = dict(
    backbone=dict(
        _delete_=True,
        type='NodeMLP',
        in_channels=100,
        hidden_channels=[64, 64],
        out_channels=8,
        dropout=0.2,
    ),
    head=dict(loss_scale_by_nodes=False),
)
train_cfg = dict(max_epochs=300)
