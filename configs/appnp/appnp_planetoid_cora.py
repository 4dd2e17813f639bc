# APPNP on Cora with the public Planetoid split (140/500/1000), the paper's hyper-parameters.
_base_ = [
    '../_base_/models/appnp.py',
    '../_base_/datasets/planetoid_cora.py',
    '../_base_/schedules/appnp_early_stopping.py',
]
