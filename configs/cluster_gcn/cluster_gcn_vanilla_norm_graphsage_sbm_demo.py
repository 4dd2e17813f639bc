# Ablation: the vanilla row normalisation A' = D^-1 A instead of the diagonal enhancement.
_base_ = ['./cluster_gcn_graphsage_sbm_demo.py']
train_dataloader = dict(dataset=dict(norm='vanilla'))
model = dict(backbone=dict(norm='vanilla'))
