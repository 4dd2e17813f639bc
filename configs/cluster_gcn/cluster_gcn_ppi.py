# Cluster-GCN on PPI, the paper's setting: 50 clusters, 1 per batch, 5 layers of 2048, dropout
# 0.2, diagonal enhancement lambda 1, 200 epochs. Paper: micro-F1 99.36.
_base_ = [
    '../_base_/models/cluster_gcn.py',
    '../_base_/datasets/graphsage_ppi.py',
    '../_base_/schedules/cluster_gcn_adam.py',
]
model = dict(backbone=dict(in_channels=50, hidden_channels=[2048] * 4, out_channels=121))
