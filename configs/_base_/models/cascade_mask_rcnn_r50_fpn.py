# Cascade Mask R-CNN R-50-FPN: three box stages (IoU 0.5/0.6/0.7, tighter delta stds each stage,
# class-agnostic regression) with stage loss weights [1, 0.5, 0.25], and a mask head per stage.
_base_ = './mask_rcnn_r50_fpn.py'


def _bbox_head(stds):
    return dict(
        type='Shared2FCBBoxHead',
        in_channels=256,
        fc_out_channels=1024,
        roi_feat_size=7,
        num_classes=80,
        bbox_coder=dict(
            type='DeltaXYWHBBoxCoder', target_means=[0.0, 0.0, 0.0, 0.0], target_stds=stds
        ),
        reg_class_agnostic=True,
        loss_cls=dict(type='CrossEntropyLoss', use_sigmoid=False, loss_weight=1.0),
        loss_bbox=dict(type='SmoothL1Loss', beta=1.0, loss_weight=1.0),
    )


def _rcnn_train(iou):
    return dict(
        assigner=dict(
            type='MaxIoUAssigner',
            pos_iou_thr=iou,
            neg_iou_thr=iou,
            min_pos_iou=iou,
            match_low_quality=False,
            ignore_iof_thr=-1,
        ),
        sampler=dict(
            type='RandomSampler',
            num=512,
            pos_fraction=0.25,
            neg_pos_ub=-1,
            add_gt_as_proposals=True,
        ),
        mask_size=28,
        pos_weight=-1,
        debug=False,
    )


model = dict(
    type='CascadeRCNN',
    roi_head=dict(
        _delete_=True,
        type='CascadeRoIHead',
        num_stages=3,
        stage_loss_weights=[1, 0.5, 0.25],
        bbox_roi_extractor=dict(
            type='SingleRoIExtractor',
            roi_layer=dict(type='RoIAlign', output_size=7, sampling_ratio=2, aligned=False),
            out_channels=256,
            featmap_strides=[4, 8, 16, 32],
        ),
        # delta weights (10, 10, 5, 5), (20, 20, 10, 10), (30, 30, 15, 15)
        bbox_head=[
            _bbox_head([0.1, 0.1, 0.2, 0.2]),
            _bbox_head([0.05, 0.05, 0.1, 0.1]),
            _bbox_head([1 / 30, 1 / 30, 1 / 15, 1 / 15]),
        ],
        mask_roi_extractor=dict(
            type='SingleRoIExtractor',
            roi_layer=dict(type='RoIAlign', output_size=14, sampling_ratio=2, aligned=False),
            out_channels=256,
            featmap_strides=[4, 8, 16, 32],
        ),
        mask_head=dict(
            type='FCNMaskHead',
            num_convs=4,
            in_channels=256,
            conv_out_channels=256,
            num_classes=80,
            loss_mask=dict(type='CrossEntropyLoss', use_mask=True, loss_weight=1.0),
        ),
    ),
    train_cfg=dict(
        rpn_proposal=dict(nms_pre=2000, max_per_img=2000),
        rcnn=[_rcnn_train(0.5), _rcnn_train(0.6), _rcnn_train(0.7)],
    ),
)
