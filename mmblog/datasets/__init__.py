from .cityscapes import CityscapesDataset
from .coco import CocoDataset
from .mnist import MNISTDataset, read_idx, write_idx
from .samplers import AspectRatioBatchSampler
from .transforms import *  # noqa: F401,F403

__all__ = [
    'AspectRatioBatchSampler',
    'CityscapesDataset',
    'CocoDataset',
    'MNISTDataset',
    'read_idx',
    'write_idx',
]
