# IGMC on the generated ML-100K-format ratings (planted groups), about a minute on 2 CPU cores.
_base_ = [
    '../_base_/models/igmc.py',
    '../_base_/datasets/movielens_100k_demo.py',
    '../_base_/schedules/igmc_adam_80e.py',
]
train_cfg = dict(max_epochs=4, val_interval=4)
param_scheduler = []
default_hooks = dict(logger=dict(interval=50), checkpoint=dict(interval=4))
