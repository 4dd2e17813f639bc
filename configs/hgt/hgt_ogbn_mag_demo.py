# HGT with RTE on the generated OGB-MAG-layout graph (CPU, about a minute).
_base_ = [
    '../_base_/models/hgt_ogbn_mag.py',
    '../_base_/datasets/ogbn_mag_demo.py',
    '../_base_/schedules/full_graph_adam.py',
]
model = dict(
    backbone=dict(in_channels=16, hidden_channels=32, num_layers=2, heads=4),
    head=dict(in_channels=32, num_classes=4),
)
train_cfg = dict(max_epochs=100)
optim_wrapper = dict(optimizer=dict(lr=0.01, weight_decay=1e-4))
custom_hooks = [
    dict(
        type='MultiMetricEarlyStoppingHook',
        monitors=[('accuracy/top1', 'greater'), ('cross_entropy/loss', 'less')],
        patience=30,
    )
]
