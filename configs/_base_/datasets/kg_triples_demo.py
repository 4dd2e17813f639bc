# The generated grid knowledge graph (python tools/misc/make_demo_data.py --only kg_triples),
# in the same OpenKE layout as FB15k-237.
_base_ = ['./fb15k237_openke.py']

data_root = 'data/demo/kg_triples'
train_dataloader = dict(batch_size=128, dataset=dict(data_root=data_root, neg_ratio=8))
val_dataloader = dict(dataset=dict(data_root=data_root))
test_dataloader = dict(dataset=dict(data_root=data_root))
