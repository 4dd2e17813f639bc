# HGT on DBLP four-area: 2 layers, 32 hidden, 4 heads (CPU budget);
# no RTE (the files hold no years).
node_types = ['author', 'paper', 'conf']
edge_types = [
    ('paper', 'rev_writes', 'author'),
    ('author', 'writes', 'paper'),
    ('paper', 'rev_published_in', 'conf'),
    ('conf', 'published_in', 'paper'),
]
model = dict(
    type='HeteroNodeClassifier',
    backbone=dict(
        type='HGT',
        node_types=node_types,
        edge_types=edge_types,
        in_channels=334,
        hidden_channels=32,
        target_type='author',
        num_layers=2,
        heads=4,
        dropout=0.2,
        use_rte=False,
    ),
    head=dict(type='NodeClsHead', in_channels=32, num_classes=4),
)
