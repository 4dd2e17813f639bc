# Inception v2 / BN-Inception, the BN paper's "BN-x30" recipe: SGD momentum 0.9, batch 32 per
# replica, lr 0.045 (30x the baseline's 0.0015), L2 weight decay reduced 5x (GoogLeNet's 2e-4 -> 4e-5), and
# the lr decay accelerated 6x: GoogLeNet's x0.96 every 8 epochs becomes x0.96 every 8/6 epochs,
# i.e. x0.96**0.75 per epoch. Length: BN-x30 passes 72.2% top-1 after 2.7e6 steps of 32 images
# (paper table 2), ~68 epochs of ImageNet.
_base_ = [
    '../_base_/models/inception_v2.py',
    '../_base_/datasets/imagenet_bs32.py',
    '../_base_/default_runtime.py',
]
optim_wrapper = dict(
    type='ZeroBeforeBackwardOptimWrapper',
    optimizer=dict(type='SGD', lr=0.045, momentum=0.9, weight_decay=4e-5),
)
param_scheduler = [dict(type='ExponentialLR', by_epoch=True, gamma=0.96**0.75)]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=68, val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
auto_scale_lr = dict(enable=False, base_batch_size=32)
visualizer = dict(type='ClsVisualizer')
