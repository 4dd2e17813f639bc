# CPU demo: GoogLeNet at 1/4 width with its two auxiliary heads on the generated ImageNet-style
# folder (64x64 crops); the lr x0.96 / 8 epochs schedule is kept.
_base_ = [
    '../_base_/models/googlenet.py',
    '../_base_/datasets/imagenet_folder_demo.py',
    '../_base_/schedules/googlenet_step8.py',
    '../_base_/default_runtime.py',
]
model = dict(
    backbone=dict(width_mult=0.25),
    head=dict(num_classes=5, in_channels=256),
    aux_heads=[
        dict(type='GoogLeNetAuxHead', num_classes=5, in_channels=128, in_index=0, loss_weight=0.3),
        dict(type='GoogLeNetAuxHead', num_classes=5, in_channels=132, in_index=1, loss_weight=0.3),
    ],
)
# Without BN, 22 layers start slowly: lr 0.01 after a 50-iteration warm-up, and 45 epochs of the
# 200 images (6 at lr 0.02 stayed at chance; top-1 leaves chance after ~20 epochs here).
optim_wrapper = dict(optimizer=dict(lr=0.01))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=False, begin=0, end=50),
    dict(type='StepLR', by_epoch=True, step_size=8, gamma=0.96),
]
train_cfg = dict(max_epochs=45, val_interval=5)
default_hooks = dict(logger=dict(interval=5))
# tools/test.py --show-dir draws each image with its predicted label
visualizer = dict(type='ClsVisualizer')
