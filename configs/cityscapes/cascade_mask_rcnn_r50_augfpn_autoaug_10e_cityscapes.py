# Seed 001, "train with customized models": Cascade Mask R-CNN R-50 on Cityscapes with the
# user's AugFPN neck (projects/augfpn/augfpn.py, outside the mmblog package, loaded by
# custom_imports) and training-time AutoAugment with Rotate / Translate policies.
_base_ = [
    '../_base_/models/cascade_mask_rcnn_r50_fpn.py',
    '../_base_/datasets/cityscapes_instance.py',
    '../_base_/default_runtime.py',
]

# draws boxes/masks for tools/test.py --show-dir and model.show_result
visualizer = dict(
    type='DetLocalVisualizer', vis_backends=[dict(type='LocalVisBackend')], name='visualizer'
)

custom_imports = dict(imports=['projects.augfpn.augfpn'], allow_failed_imports=False)

num_classes = 8
model = dict(
    neck=dict(
        type='AugFPN',
        in_channels=[256, 512, 1024, 2048],
        out_channels=256,
        num_outs=5,
        pool_ratios=(0.1, 0.2, 0.3),
    ),
    roi_head=dict(
        bbox_head=[
            dict(
                type='Shared2FCBBoxHead',
                in_channels=256,
                fc_out_channels=1024,
                roi_feat_size=7,
                num_classes=num_classes,
                bbox_coder=dict(type='DeltaXYWHBBoxCoder', target_stds=stds),
                reg_class_agnostic=True,
                loss_cls=dict(type='CrossEntropyLoss', use_sigmoid=False, loss_weight=1.0),
                loss_bbox=dict(type='SmoothL1Loss', beta=1.0, loss_weight=1.0),
            )
            for stds in (
                [0.1, 0.1, 0.2, 0.2],
                [0.05, 0.05, 0.1, 0.1],
                [1 / 30, 1 / 30, 1 / 15, 1 / 15],
            )
        ],
        mask_head=dict(num_classes=num_classes),
    ),
)

train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadAnnotations', with_bbox=True, with_mask=True),
    dict(type='RandomResize', scale=[(2048, 800), (2048, 1024)], keep_ratio=True),
    dict(type='RandomFlip', prob=0.5),
    dict(
        type='AutoAugment',
        policies=[
            [dict(type='Rotate', prob=0.5, level=5)],
            [dict(type='Translate', prob=0.5, level=5, direction='horizontal')],
            [dict(type='Translate', prob=0.5, level=5, direction='vertical')],
        ],
    ),
    dict(type='PackDetInputs'),
]
train_dataloader = dict(dataset=dict(dataset=dict(pipeline=train_pipeline)))

# 10 epochs over the 8x repeated train set; lr for 8 GPUs x 1 image.
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=10, val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
param_scheduler = [
    dict(type='LinearLR', start_factor=0.001, by_epoch=False, begin=0, end=500),
    dict(type='MultiStepLR', begin=0, end=10, by_epoch=True, milestones=[7], gamma=0.1),
]
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='SGD', lr=0.01, momentum=0.9, weight_decay=0.0001),
)
auto_scale_lr = dict(enable=False, base_batch_size=8)
