from .mnist import MNISTDataset, read_idx, write_idx
from .transforms import *  # noqa: F401,F403

__all__ = ['MNISTDataset', 'read_idx', 'write_idx']

# Classification datasets.
from .cifar import CIFAR10Dataset, CIFAR100Dataset  # noqa: E402
from .class_group import ClassGroupDataset  # noqa: E402
from .custom import CustomDataset, ImageNet  # noqa: E402

__all__ += ['CIFAR10Dataset', 'CIFAR100Dataset', 'ClassGroupDataset', 'CustomDataset', 'ImageNet']
