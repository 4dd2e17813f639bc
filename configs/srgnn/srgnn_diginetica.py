# SR-GNN on DIGINETICA (paper: P@20 50.73, MRR@20 17.59). 43097 items after preprocessing
# (the reference's n_node 43098 counts the padding item).
_base_ = [
    '../_base_/models/srgnn.py',
    '../_base_/datasets/diginetica.py',
    '../_base_/schedules/srgnn_adam_step3.py',
]
model = dict(num_items=43097)
