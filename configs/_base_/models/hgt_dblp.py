# HGT on DBLP four-area: 2 layers, 32 hidden, 4 heads (CPU budget);
# no RTE (the files hold no years).
_base_ = ['./hgt.py']
node_types = ['author', 'paper', 'conf']
edge_types = [
    ('paper', 'rev_writes', 'author'),
    ('author', 'writes', 'paper'),
    ('paper', 'rev_published_in', 'conf'),
    ('conf', 'published_in', 'paper'),
]
model = dict(
    backbone=dict(
        node_types=node_types,
        edge_types=edge_types,
        in_channels=334,
        hidden_channels=32,
        target_type='author',
        num_layers=2,
        heads=4,
        use_rte=False,
    ),
    head=dict(in_channels=32, num_classes=4),
)
