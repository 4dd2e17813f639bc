# CPU demo: the same recipe on generated idx digits (make demo-data), a few seconds on 2 cores.
_base_ = ['./softmax_regression_mnist.py']

data_root = 'data/demo/mnist'
train_dataloader = dict(dataset=dict(data_root=data_root))
val_dataloader = dict(dataset=dict(data_root=data_root))
test_dataloader = val_dataloader

vis_backends = [dict(type='LocalVisBackend')]
visualizer = dict(vis_backends=vis_backends)
default_hooks = dict(logger=dict(interval=5))
