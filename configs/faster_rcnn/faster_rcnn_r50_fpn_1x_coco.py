# Faster R-CNN R-50-FPN, COCO, 1x (seed 001's first model). The backbone starts from
# torchvision://resnet50 (ImageNet) as in the paper; start from a local file with
# --cfg-options model.backbone.init_cfg.checkpoint=PATH.
_base_ = [
    '../_base_/models/faster_rcnn_r50_fpn.py',
    '../_base_/datasets/coco_detection.py',
    '../_base_/schedules/schedule_1x.py',
    '../_base_/default_runtime.py',
]

# draws boxes/masks for tools/test.py --show-dir and model.show_result
visualizer = dict(
    type='DetLocalVisualizer', vis_backends=[dict(type='LocalVisBackend')], name='visualizer'
)
