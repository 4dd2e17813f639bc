# SR-GNN on YOOCHOOSE 1/64 (paper: P@20 70.57, MRR@20 30.94). The item index is built on all
# training sessions (reference n_node 37484 = 37483 items + padding), shared by 1/64 and 1/4.
_base_ = [
    '../_base_/models/srgnn.py',
    '../_base_/datasets/yoochoose1_64.py',
    '../_base_/schedules/srgnn_adam_step3.py',
]
model = dict(num_items=37483)
