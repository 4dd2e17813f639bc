from .mnist import MNISTDataset, read_idx, write_idx
from .transforms import *  # noqa: F401,F403

__all__ = ['MNISTDataset', 'read_idx', 'write_idx']
