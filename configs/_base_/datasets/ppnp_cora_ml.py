# Cora-ML from APPNP's reference .npz, with its protocol: largest connected component (2810
# nodes); 1500 "known" nodes drawn with one fixed seed; per split seed 20 per class for training
# and 500 for early stopping (val); the 1310 unknown nodes are the test set.
_base_ = ['./planetoid_cora.py']
graph = dict(
    _delete_=True,
    type='SparseGraphNpzDataset',
    data_root='data/ppnp',
    name='cora_ml',
    split_seed=2144199730,
    normalize_features='l1',
    sparse_features=True,
)
train_dataloader = dict(dataset=dict(graph, split='train'))
val_dataloader = dict(dataset=dict(graph, split='val'))
test_dataloader = dict(dataset=dict(graph, split='test'))
