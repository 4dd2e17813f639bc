# TransE as OpenKE's examples/train_transe_FB15K237.py trains it: dim 200, L1, margin 5,
# normalised h/r/t, 25 Bernoulli negatives, SGD lr 1.0, 100 batches x 1000 epochs.
# OpenKE reports filtered Hits@10 0.476 on the test split.
_base_ = [
    '../_base_/models/transe.py',
    '../_base_/datasets/fb15k237_openke.py',
    '../_base_/schedules/kg_sgd_1000e.py',
    '../_base_/default_runtime.py',
]

default_hooks = dict(
    logger=dict(interval=100),
    checkpoint=dict(interval=100, max_keep_ckpts=1, save_best='kg/mrr', rule='greater'),
)
