# Kipf & Welling GCN on Cora (public split): the full-batch reference for Cluster-GCN.
_base_ = [
    '../_base_/models/gcn.py',
    '../_base_/datasets/planetoid_cora.py',
    '../_base_/schedules/full_graph_adam.py',
]
