# GCN on the generated planted-partition graph (Planetoid format), CPU in seconds.
_base_ = [
    '../_base_/models/gcn.py',
    '../_base_/datasets/planetoid_sbm_demo.py',
    '../_base_/schedules/full_graph_adam.py',
]
model = dict(backbone=dict(in_channels=300, out_channels=4))
