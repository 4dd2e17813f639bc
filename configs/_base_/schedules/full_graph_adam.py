# Transductive full-graph training: one epoch = one step on the whole graph, validation on the
# val mask after every step, early stopping as a hook that restores the best weights.
_base_ = ['../default_runtime.py']
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=200, val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
optim_wrapper = dict(type='OptimWrapper', optimizer=dict(type='Adam', lr=0.01, weight_decay=5e-4))
default_hooks = dict(
    logger=dict(type='LoggerHook', interval=50),
    # Steps are milliseconds: save only the last state (and the early-stopping best, below).
    checkpoint=dict(type='CheckpointHook', interval=100000, save_last=True, max_keep_ckpts=1),
)
custom_hooks = [
    dict(
        type='MultiMetricEarlyStoppingHook',
        monitors=[('accuracy/top1', 'greater'), ('cross_entropy/loss', 'less')],
        patience=100,
    )
]
