# CPU demo: the binary margin classifier on the generated digits (3 vs 8), seconds on 2 cores.
_base_ = ['./linear_margin_mnist.py']
data_root = 'data/demo/mnist'
train_dataloader = dict(dataset=dict(dataset=dict(data_root=data_root)))
val_dataloader = dict(dataset=dict(dataset=dict(data_root=data_root)))
test_dataloader = val_dataloader
default_hooks = dict(logger=dict(interval=5))
