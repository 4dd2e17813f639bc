# CPU demo of faster_rcnn_r50_fpn_1x_coco.py on the generated shapes (make demo-data): the same
# detector at toy size, trained from scratch (no pretrained weights offline) in a few minutes.
_base_ = './faster_rcnn_r50_fpn_1x_coco.py'

data_root = 'data/demo/shapes/'
metainfo = dict(classes=('circle', 'rectangle', 'triangle'))
img_scale = (256, 192)

model = dict(
    # from scratch: a half-width ResNet-18 whose BN layers train (no frozen/eval BN without pretraining)
    backbone=dict(depth=18, base_channels=32, frozen_stages=-1, norm_eval=False),
    neck=dict(in_channels=[32, 64, 128, 256], out_channels=64),
    rpn_head=dict(in_channels=64, feat_channels=64),
    roi_head=dict(
        bbox_roi_extractor=dict(out_channels=64),
        bbox_head=dict(in_channels=64, fc_out_channels=256, num_classes=3),
    ),
    train_cfg=dict(
        rpn_proposal=dict(nms_pre=1000, max_per_img=300),
        rcnn=dict(sampler=dict(num=128)),
    ),
    test_cfg=dict(rpn=dict(nms_pre=500, max_per_img=300)),
)

train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadAnnotations', with_bbox=True),
    dict(type='Resize', scale=img_scale, keep_ratio=True),
    dict(type='RandomFlip', prob=0.5),
    dict(type='PackDetInputs'),
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=img_scale, keep_ratio=True),
    dict(type='LoadAnnotations', with_bbox=True),
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
