# Cluster-GCN on the generated multi-label graph (GraphSAGE layout): 20 METIS clusters, 2 per
# batch, 3 layers of 64; CPU, about a minute.
_base_ = [
    '../_base_/models/cluster_gcn.py',
    '../_base_/datasets/graphsage_sbm_demo.py',
    '../_base_/schedules/cluster_gcn_adam.py',
]
model = dict(backbone=dict(in_channels=100, hidden_channels=[64, 64], out_channels=8))
train_cfg = dict(max_epochs=30)
