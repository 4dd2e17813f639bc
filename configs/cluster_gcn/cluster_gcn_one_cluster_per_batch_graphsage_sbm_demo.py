# Ablation: vanilla Cluster-GCN, one cluster per batch (q = 1) instead of q = 2.
_base_ = ['./cluster_gcn_graphsage_sbm_demo.py']
train_dataloader = dict(batch_size=1)
