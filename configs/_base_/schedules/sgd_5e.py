# Plain SGD at a constant learning rate for 5 epochs (the seed's TensorBoard MNIST recipe).
optim_wrapper = dict(type='OptimWrapper', optimizer=dict(type='SGD', lr=0.5))
param_scheduler = []
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=5, val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
auto_scale_lr = dict(enable=False, base_batch_size=100)
