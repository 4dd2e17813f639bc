"""Dataset converters to COCO json (the logic behind ``tools/dataset_converters/``)."""

from .balloon import convert_balloon_to_coco
from .cityscapes import CITYSCAPES_SPLITS, convert_cityscapes, convert_cityscapes_split
from .common import ConversionError, dump_json_atomic
from .images2coco import collect_image_infos, cvt_to_coco_json, images2coco

__all__ = [
    'CITYSCAPES_SPLITS',
    'ConversionError',
    'collect_image_infos',
    'convert_balloon_to_coco',
    'convert_cityscapes',
    'convert_cityscapes_split',
    'cvt_to_coco_json',
    'dump_json_atomic',
    'images2coco',
]
