from .cifar import CIFAR10Dataset, CIFAR100Dataset
from .cityscapes import CityscapesDataset
from .class_group import ClassGroupDataset
from .coco import CocoDataset
from .custom import CustomDataset
from .gp_curves import GPCurvesDataset, gp_batch_collate
from .image_folder import ImageFolderDataset
from .image_text import *  # noqa: F401,F403
from .imagenet import ImageNet
from .kg import *  # noqa: F401,F403
from .mnist import MNISTDataset, read_idx, write_idx
from .samplers import AspectRatioBatchSampler, IntraVideoBatchSampler
from .text import *  # noqa: F401,F403
from .text import TextCorpusDataset
from .transforms import *  # noqa: F401,F403
from .video_text import *  # noqa: F401,F403
from .vq_codes import VQCodesDataset

__all__ = [
    'AspectRatioBatchSampler',
    'CIFAR10Dataset',
    'CIFAR100Dataset',
    'CityscapesDataset',
    'ClassGroupDataset',
    'CocoDataset',
    'CustomDataset',
    'GPCurvesDataset',
    'ImageFolderDataset',
    'ImageNet',
    'IntraVideoBatchSampler',
    'MNISTDataset',
    'TextCorpusDataset',
    'VQCodesDataset',
    'gp_batch_collate',
    'read_idx',
    'write_idx',
]
from .graph import *  # noqa: F401,F403,E402
