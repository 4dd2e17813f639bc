# CPU demo: BN-Inception at 1/4 width on the generated ImageNet-style folder (64x64 crops of the
# 80x80 images), AdamW with a short warm-up and cosine decay.
_base_ = [
    '../_base_/models/inception_v2.py',
    '../_base_/datasets/imagenet_folder_demo.py',
    '../_base_/schedules/demo_sgd.py',
    '../_base_/default_runtime.py',
]
model = dict(backbone=dict(width_mult=0.25), head=dict(num_classes=5, in_channels=256))
train_dataloader = dict(batch_size=16)
optim_wrapper = dict(optimizer=dict(_delete_=True, type='AdamW', lr=2e-3, weight_decay=1e-4))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=False, begin=0, end=13),
    dict(type='CosineAnnealingLR', by_epoch=True, T_max=20, eta_min=1e-5),
]
train_cfg = dict(max_epochs=20, val_interval=5)
default_hooks = dict(logger=dict(interval=5))
# tools/test.py --show-dir draws each image with its predicted label
visualizer = dict(type='ClsVisualizer')
