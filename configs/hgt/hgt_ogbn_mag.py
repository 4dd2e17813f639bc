# Paper config: HGT on real ogbn-mag (raw csv layout), time split. Full-graph steps need a GPU
# with ~1.9M papers; anchors: the authors' 0.5007 test accuracy (4 layers), OGB board 0.4927.
_base_ = [
    '../_base_/models/hgt_ogbn_mag.py',
    '../_base_/datasets/ogbn_mag.py',
    '../_base_/schedules/full_graph_adam.py',
]
optim_wrapper = dict(type='OptimWrapper', optimizer=dict(type='AdamW', lr=1e-3, weight_decay=1e-2))
