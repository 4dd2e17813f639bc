# TransE on the graph of the generated ERNIE typing corpus (245 entities, 3 relations); its
# export is the corpus's kg_embed (configs/ernie/README.md).
_base_ = ['./transe_l1_kg_triples_demo.py']

data_root = 'data/demo/ernie_typing/kg'
model = dict(num_entities=245, num_relations=3, embed_dim=32, margin=2.0)
train_dataloader = dict(dataset=dict(data_root=data_root))
val_dataloader = dict(dataset=dict(data_root=data_root))
test_dataloader = dict(dataset=dict(data_root=data_root))
train_cfg = dict(max_epochs=40, val_interval=40)
default_hooks = dict(checkpoint=dict(interval=40))
