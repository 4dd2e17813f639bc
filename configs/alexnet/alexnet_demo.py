# CPU demo: a narrow AlexNet (paper layout with LRN, 11x11/4 then 5x5 convs) on the generated
# digits resized to 67x67 (so conv1 gives 15x15 as 227 gives 55x55), a few epochs. The narrow
# 256-unit FC layers get Kaiming init and no dropout: with dropout 0.5 and the papers' std-0.01
# init they take >10 epochs on 1.4k images to leave chance level.
_base_ = [
    '../_base_/models/alexnet.py',
    '../_base_/datasets/mnist_digits_cnn.py',
    '../_base_/schedules/demo_sgd.py',
    '../_base_/default_runtime.py',
]
img_size = 67
train_pipeline = [
    dict(type='Resize', scale=(img_size, img_size)),
    dict(type='RandomCrop', crop_size=img_size, padding=4),
    dict(type='PackClsInputs'),
]
test_pipeline = [dict(type='Resize', scale=(img_size, img_size)), dict(type='PackClsInputs')]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(pipeline=test_pipeline))
test_dataloader = val_dataloader
model = dict(
    data_preprocessor=dict(mean=[33.0], std=[78.0], bgr_to_rgb=False),
    backbone=dict(in_channels=1, channels=(32, 64, 96, 96, 64), pool_size=1),
    head=dict(
        num_classes=10,
        in_channels=64,
        mid_channels=(256, 256),
        dropout=0.0,
        init_cfg=dict(type='Kaiming', layer='Linear', mode='fan_in', distribution='uniform'),
    ),
)
optim_wrapper = dict(optimizer=dict(lr=0.02))
param_scheduler = [dict(type='CosineAnnealingLR', by_epoch=True, T_max=6, eta_min=1e-4)]
train_cfg = dict(max_epochs=6)
default_hooks = dict(logger=dict(interval=10))
