from .cifar_batches import CIFARBatchDataset, read_cifar_batch
from .cityscapes import CityscapesDataset
from .coco import CocoDataset
from .gp_curves import GPCurvesDataset, gp_batch_collate
from .image_folder import ImageFolderDataset
from .mnist import MNISTDataset, read_idx, write_idx
from .samplers import AspectRatioBatchSampler
from .transforms import *  # noqa: F401,F403
from .vq_codes import VQCodesDataset

__all__ = [
    'AspectRatioBatchSampler',
    'CityscapesDataset',
    'CocoDataset',
    'MNISTDataset',
    'read_idx',
    'write_idx',
]
__all__ += [
    'CIFARBatchDataset',
    'GPCurvesDataset',
    'ImageFolderDataset',
    'VQCodesDataset',
    'gp_batch_collate',
    'read_cifar_batch',
]
