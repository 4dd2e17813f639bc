# HGT for ogbn-mag paper venues (the HGT authors' ogbn-mag run: 4 layers, 512 hidden, 8 heads,
# RTE on). Relations are OGB's four plus their reverses.
_base_ = ['./hgt.py']
node_types = ['author', 'field_of_study', 'institution', 'paper']
edge_types = [
    ('author', 'affiliated_with', 'institution'),
    ('institution', 'rev_affiliated_with', 'author'),
    ('author', 'writes', 'paper'),
    ('paper', 'rev_writes', 'author'),
    ('paper', 'cites', 'paper'),
    ('paper', 'rev_cites', 'paper'),
    ('paper', 'has_topic', 'field_of_study'),
    ('field_of_study', 'rev_has_topic', 'paper'),
]
model = dict(
    backbone=dict(
        node_types=node_types,
        edge_types=edge_types,
        in_channels=128,
        hidden_channels=512,
        target_type='paper',
        num_layers=4,
        heads=8,
        use_rte=True,
    ),
    head=dict(in_channels=512, num_classes=349),
)
