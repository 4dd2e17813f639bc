# CPU demo: TransE on the generated grid KG (260 entities; random Hits@10 = 0.038).
_base_ = [
    '../_base_/models/transe.py',
    '../_base_/datasets/kg_triples_demo.py',
    '../_base_/schedules/kg_sgd_1000e.py',
    '../_base_/default_runtime.py',
]

model = dict(num_entities=260, num_relations=9, embed_dim=32, margin=2.0)
optim_wrapper = dict(optimizer=dict(lr=0.5))
train_cfg = dict(max_epochs=30, val_interval=10)
default_hooks = dict(logger=dict(interval=5), checkpoint=dict(interval=30))
