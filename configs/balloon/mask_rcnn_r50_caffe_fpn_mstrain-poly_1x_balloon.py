# Seed 001, "train with customized datasets": Mask R-CNN on the balloon dataset converted to COCO
# (python tools/dataset_converters/balloon2coco.py ...). The new config inherits a base config
# and changes only what the dataset needs.
_base_ = '../mask_rcnn/mask_rcnn_r50_caffe_fpn_mstrain-poly_1x_coco.py'

# one class: the heads' num_classes must match the dataset's annotation
model = dict(roi_head=dict(bbox_head=dict(num_classes=1), mask_head=dict(num_classes=1)))

# dataset settings
data_root = 'data/balloon/'
metainfo = dict(classes=('balloon',), palette=[(220, 20, 60)])
train_dataloader = dict(
    batch_size=1,
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

# a COCO-trained Mask R-CNN gives much better results than training from scratch
load_from = 'checkpoints/mask_rcnn_r50_caffe_fpn_mstrain-poly_3x_coco_bbox_mAP-0.408__segm_mAP-0.37_20200504_163245-42aa3d00.pth'  # noqa: E501
