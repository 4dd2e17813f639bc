# HGT on real DBLP four-area (author areas), full graph, Adam, early stopping on val accuracy.
# python tools/analysis_tools/reproduce_hgt.py --data-root ../shared/data/dblp_four_area
_base_ = [
    '../_base_/models/hgt_dblp.py',
    '../_base_/datasets/dblp.py',
    '../_base_/schedules/full_graph_adam.py',
]
train_cfg = dict(max_epochs=80)
optim_wrapper = dict(optimizer=dict(lr=0.005, weight_decay=1e-4))
custom_hooks = [
    dict(
        type='MultiMetricEarlyStoppingHook',
        monitors=[('accuracy/top1', 'greater'), ('cross_entropy/loss', 'less')],
        patience=15,
    )
]
