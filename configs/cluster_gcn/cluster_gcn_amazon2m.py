# Cluster-GCN on Amazon2M (multi-class, 47 categories; the authors' files in the GraphSAGE
# layout): 15000 clusters, 10 per batch, 4 layers of 400. Paper: micro-F1 90.41 (2048 hidden).
_base_ = ['./cluster_gcn_reddit.py']
graph = dict(data_root='data/amazon2m', prefix='amazon2m')
train_dataloader = dict(batch_size=10, dataset=dict(graph=graph, num_parts=15000))
val_dataloader = dict(dataset=graph)
test_dataloader = dict(dataset=graph)
model = dict(backbone=dict(in_channels=100, hidden_channels=[400] * 3, out_channels=47))
train_cfg = dict(max_epochs=200)
