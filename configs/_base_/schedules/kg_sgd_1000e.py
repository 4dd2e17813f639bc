# OpenKE's knowledge-graph embedding schedule: plain SGD, lr 1.0, 1000 epochs.
optim_wrapper = dict(type='OptimWrapper', optimizer=dict(type='SGD', lr=1.0))
param_scheduler = []
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=1000, val_interval=100)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
