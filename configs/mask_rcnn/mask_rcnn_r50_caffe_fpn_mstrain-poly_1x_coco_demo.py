# CPU demo of mask_rcnn_r50_caffe_fpn_mstrain-poly_1x_coco.py on the generated shapes (make
# demo-data): same recipe (caffe style, multi-scale, polygons) at toy size, from scratch.
_base_ = [
    '../_base_/models/mask_rcnn_r50_fpn.py',
    '../_base_/datasets/shapes_instance_demo.py',
    '../_base_/schedules/det_demo_20e.py',
    '../_base_/default_runtime.py',
]

model = dict(
    # caffe style (BGR, mean subtraction); from scratch, so BN trains and inputs are scaled
    data_preprocessor=dict(
        mean=[103.530, 116.280, 123.675], std=[57.375, 57.12, 58.395], bgr_to_rgb=False
    ),
    backbone=dict(
        depth=18, base_channels=32, frozen_stages=-1, norm_eval=False, style='caffe', init_cfg=None
    ),
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
default_hooks = dict(logger=dict(interval=10), checkpoint=dict(interval=5, max_keep_ckpts=1))
# draws boxes/masks for tools/test.py --show-dir and model.show_result
visualizer = dict(
    type='DetLocalVisualizer', vis_backends=[dict(type='LocalVisBackend')], name='visualizer'
)
