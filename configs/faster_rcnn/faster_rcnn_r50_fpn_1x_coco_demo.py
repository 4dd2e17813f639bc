# CPU demo of faster_rcnn_r50_fpn_1x_coco.py on the generated shapes (make demo-data): the same
# detector at toy size, trained from scratch (no pretrained weights offline) in a few minutes.
_base_ = [
    '../_base_/models/faster_rcnn_r50_fpn.py',
    '../_base_/datasets/shapes_detection_demo.py',
    '../_base_/schedules/det_demo_20e.py',
    '../_base_/default_runtime.py',
]

model = dict(
    # from scratch: a half-width ResNet-18 whose BN layers train (no frozen/eval BN without pretraining)
    backbone=dict(depth=18, base_channels=32, frozen_stages=-1, norm_eval=False, init_cfg=None),
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
default_hooks = dict(logger=dict(interval=10), checkpoint=dict(interval=5, max_keep_ckpts=1))
# draws boxes for tools/test.py --show-dir and model.show_result
visualizer = dict(
    type='DetLocalVisualizer', vis_backends=[dict(type='LocalVisBackend')], name='visualizer'
)
