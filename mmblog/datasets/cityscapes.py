"""Cityscapes instances, converted to COCO json by ``tools/dataset_converters/cityscapes.py``."""

from mmblog.registry import DATASETS

from .coco import CocoDataset


@DATASETS.register_module()
class CityscapesDataset(CocoDataset):
    """The 8 Cityscapes instance classes; in training, images with only crowd regions are dropped."""

    METAINFO = {
        'classes': ('person', 'rider', 'car', 'truck', 'bus', 'train', 'motorcycle', 'bicycle'),
        'palette': [
            (220, 20, 60), (255, 0, 0), (0, 0, 142), (0, 0, 70),
            (0, 60, 100), (0, 80, 100), (0, 0, 230), (119, 11, 32),
        ],
    }  # fmt: skip

    def _has_gt(self, info: dict) -> bool:
        return any(not inst['ignore_flag'] for inst in info['instances'])
