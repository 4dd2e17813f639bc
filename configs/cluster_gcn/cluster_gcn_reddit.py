# Cluster-GCN on Reddit (GraphSAGE layout, multi-class): 1500 clusters, 20 per batch, 4 layers of
# 128, lambda 1e-4 (the reference's), 130 epochs. Paper: micro-F1 96.60.
_base_ = ['./cluster_gcn_ppi.py']
graph = dict(data_root='data/reddit', prefix='reddit')
train_dataloader = dict(batch_size=20, dataset=dict(graph=graph, num_parts=1500, diag_lambda=1e-4))
val_dataloader = dict(dataset=graph)
test_dataloader = dict(dataset=graph)
val_evaluator = [dict(type='Accuracy'), dict(type='F1Score')]
test_evaluator = val_evaluator
model = dict(
    backbone=dict(in_channels=602, hidden_channels=[128] * 3, out_channels=41, diag_lambda=1e-4),
    head=dict(multilabel=False),
)
train_cfg = dict(max_epochs=130)
