# The CPU-budget run of the README: OpenKE's FB15k-237 TransE (dim 200, L1, margin 5, SGD lr 1.0,
# 100 batches per epoch, Bernoulli negatives filtered against training triples) for 12 epochs
# with 10 negatives per positive instead of 1000 epochs with 25 (a shared 2-core CPU).
_base_ = ['./transe_l1_fb15k237.py']

data_root = '/work/shared/data/fb15k237_openke'
train_dataloader = dict(dataset=dict(data_root=data_root, neg_ratio=10))
val_dataloader = dict(dataset=dict(data_root=data_root))
test_dataloader = dict(dataset=dict(data_root=data_root))
train_cfg = dict(max_epochs=12, val_interval=100)
default_hooks = dict(logger=dict(interval=25), checkpoint=dict(interval=12, save_best=None))
