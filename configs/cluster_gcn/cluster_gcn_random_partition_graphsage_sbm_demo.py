# Ablation: random clusters instead of METIS (most edges fall between clusters and are lost).
_base_ = ['./cluster_gcn_graphsage_sbm_demo.py']
train_dataloader = dict(dataset=dict(partition='random'))
