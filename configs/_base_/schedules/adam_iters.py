# Iteration-based Adam schedule shared by the generative configs (override lr / max_iters).
optim_wrapper = dict(type='OptimWrapper', optimizer=dict(type='Adam', lr=1e-4))
param_scheduler = []
train_cfg = dict(type='IterBasedTrainLoop', max_iters=200000, val_interval=20000)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
