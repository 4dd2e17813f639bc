# HGT node classifier (Hu et al., WWW 2020): the parts every dataset shares. A dataset's model
# file sets node_types, edge_types, in_channels, target_type, widths, RTE and the class count.
model = dict(
    type='HeteroNodeClassifier',
    backbone=dict(type='HGT', dropout=0.2),
    head=dict(type='NodeClsHead'),
)
