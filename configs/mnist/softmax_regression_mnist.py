# Seed 003 (TensorBoard post): softmax regression on MNIST, batch 100, SGD lr 0.5, 5 epochs,
# cost and accuracy of every mini-batch written to TensorBoard (logger interval 1, no smoothing).
_base_ = [
    '../_base_/models/softmax_regression.py',
    '../_base_/datasets/mnist.py',
    '../_base_/schedules/sgd_5e.py',
    '../_base_/default_runtime.py',
]

vis_backends = [dict(type='LocalVisBackend'), dict(type='TensorboardVisBackend')]
visualizer = dict(type='ClsVisualizer', vis_backends=vis_backends)
model = dict(head=dict(train_accuracy=True))
default_hooks = dict(logger=dict(interval=1))
log_processor = dict(window_size=1)
