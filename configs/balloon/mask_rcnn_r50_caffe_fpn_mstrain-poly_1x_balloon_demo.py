# CPU demo of the balloon config on the generated VIA "balloons" (make demo-data; the jsons come
# from tools/dataset_converters/balloon2coco.py): the Mask R-CNN shapes demo model, 1 class,
# trained from scratch (load_from=None: no COCO checkpoint offline).
_base_ = '../mask_rcnn/mask_rcnn_r50_caffe_fpn_mstrain-poly_1x_coco_demo.py'

model = dict(roi_head=dict(bbox_head=dict(num_classes=1), mask_head=dict(num_classes=1)))

data_root = 'data/demo/balloon/'
metainfo = dict(classes=('balloon',), palette=[(220, 20, 60)])
train_dataloader = dict(
    dataset=dict(
        data_root=data_root,
        metainfo=metainfo,
        ann_file='train/annotation_coco.json',
        data_prefix=dict(img='train/'),
    ),
)
val_dataloader = dict(
    dataset=dict(
        data_root=data_root,
        metainfo=metainfo,
        ann_file='val/annotation_coco.json',
        data_prefix=dict(img='val/'),
    )
)
test_dataloader = val_dataloader
val_evaluator = dict(ann_file=data_root + 'val/annotation_coco.json')
test_evaluator = val_evaluator
load_from = None
