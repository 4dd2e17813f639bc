# The generated multi-label planted-partition graph in the GraphSAGE layout
# (python tools/misc/make_demo_data.py --only graphsage): 3000 nodes, 8 labels, 100 features.
_base_ = ['./graphsage_ppi.py']
graph = dict(data_root='data/demo/graphsage', prefix='sbm')
train_dataloader = dict(batch_size=2, dataset=dict(graph=graph, num_parts=20))
val_dataloader = dict(dataset=graph)
test_dataloader = dict(dataset=graph)
