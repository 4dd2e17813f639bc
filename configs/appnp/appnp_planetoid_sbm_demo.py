# APPNP on the generated planted-partition graph (Planetoid format); CPU, well under a minute.
_base_ = [
    '../_base_/models/appnp.py',
    '../_base_/datasets/planetoid_sbm_demo.py',
    '../_base_/schedules/appnp_early_stopping.py',
]
model = dict(backbone=dict(in_channels=300, out_channels=4))
train_cfg = dict(max_epochs=300)
custom_hooks = [
    dict(
        type='MultiMetricEarlyStoppingHook',
        monitors=[('accuracy/top1', 'greater'), ('cross_entropy/loss', 'less')],
        patience=50,
    )
]
