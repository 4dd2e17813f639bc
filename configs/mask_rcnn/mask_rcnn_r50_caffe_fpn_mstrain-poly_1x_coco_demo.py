# CPU demo of mask_rcnn_r50_caffe_fpn_mstrain-poly_1x_coco.py on the generated shapes (make
# demo-data): same recipe (caffe style, multi-scale, polygons) at toy size, from scratch.
_base_ = './mask_rcnn_r50_caffe_fpn_mstrain-poly_1x_coco.py'

data_root = 'data/demo/shapes/'
metainfo = dict(classes=('circle', 'rectangle', 'triangle'))

model = dict(
    # from scratch: a half-width ResNet-18 whose BN layers train (nothing pretrained offline)
    backbone=dict(
        depth=18,
        base_channels=32,
        frozen_stages=-1,
        norm_eval=False,
        norm_cfg=dict(type='BN', requires_grad=True),
    ),
    data_preprocessor=dict(std=[57.375, 57.12, 58.395]),
    neck=dict(in_channels=[32, 64, 128, 256], out_channels=64),
    rpn_head=dict(in_channels=64, feat_channels=64),
    roi_head=dict(
        bbox_roi_extractor=dict(out_channels=64),
        bbox_head=dict(in_channels=64, fc_out_channels=256, num_classes=3),
        mask_roi_extractor=dict(out_channels=64),
        mask_head=dict(in_channels=64, conv_out_channels=64, num_classes=3),
    ),
    train_cfg=dict(
        rpn_proposal=dict(nms_pre=1000, max_per_img=300),
        rcnn=dict(sampler=dict(num=128)),
    ),
    test_cfg=dict(rpn=dict(nms_pre=500, max_per_img=300)),
)

train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadAnnotations', with_bbox=True, with_mask=True, poly2mask=False),
    dict(type='RandomChoiceResize', scales=[(256, 176), (256, 192), (256, 208)], keep_ratio=True),
    dict(type='RandomFlip', prob=0.5),
    dict(type='PackDetInputs'),
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=(256, 192), keep_ratio=True),
    dict(type='LoadAnnotations', with_bbox=True, with_mask=True),
    dict(
        type='PackDetInputs',
        meta_keys=('img_id', 'img_path', 'ori_shape', 'img_shape', 'scale_factor'),
    ),
]
train_dataloader = dict(
    batch_size=4,
    num_workers=1,
    dataset=dict(
        data_root=data_root,
        metainfo=metainfo,
        ann_file='annotations/instances_train.json',
        data_prefix=dict(img='train/'),
        filter_cfg=dict(filter_empty_gt=True, min_size=8),
        pipeline=train_pipeline,
    ),
)
val_dataloader = dict(
    batch_size=4,
    num_workers=1,
    dataset=dict(
        data_root=data_root,
        metainfo=metainfo,
        ann_file='annotations/instances_val.json',
        data_prefix=dict(img='val/'),
        pipeline=test_pipeline,
    ),
)
test_dataloader = val_dataloader
val_evaluator = dict(ann_file=data_root + 'annotations/instances_val.json')
test_evaluator = val_evaluator

max_epochs = 20
train_cfg = dict(max_epochs=max_epochs, val_interval=5)
param_scheduler = [
    dict(type='LinearLR', start_factor=0.01, by_epoch=False, begin=0, end=100),
    dict(
        type='MultiStepLR', begin=0, end=max_epochs, by_epoch=True, milestones=[15, 18], gamma=0.1
    ),
]
optim_wrapper = dict(optimizer=dict(lr=0.02), clip_grad=dict(max_norm=10, norm_type=2))
default_hooks = dict(logger=dict(interval=10), checkpoint=dict(interval=5, max_keep_ckpts=1))
