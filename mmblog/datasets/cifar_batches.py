"""CIFAR-10/100 in the official "python version" pickled batches (``cifar-10-batches-py``)."""

import os.path as osp
import pickle

import numpy as np
from mmengine.dataset import BaseDataset

from mmblog.registry import DATASETS
from mmblog.utils import require_path


def read_cifar_batch(path: str) -> tuple[np.ndarray, np.ndarray]:
    """One pickled batch -> (N, 32, 32, 3) uint8 RGB images and (N,) int64 labels.

    Raises:
        ValueError: If the file is not a CIFAR batch, naming it.
    """
    with open(path, 'rb') as f:
        batch = pickle.load(f, encoding='bytes')
    if not isinstance(batch, dict) or b'data' not in batch:
        raise ValueError(f'{path}: not a CIFAR python batch (no b"data" entry)')
    labels = batch.get(b'labels', batch.get(b'fine_labels'))
    data = np.asarray(batch[b'data'], dtype=np.uint8)
    if labels is None or data.ndim != 2 or data.shape[1] != 3072 or len(labels) != len(data):
        raise ValueError(
            f'{path}: expected N x 3072 uint8 data and N labels, got {data.shape} and '
            f'{None if labels is None else len(labels)} labels'
        )
    images = data.reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)
    return np.ascontiguousarray(images), np.asarray(labels, dtype=np.int64)


@DATASETS.register_module()
class CIFARBatchDataset(BaseDataset):
    """CIFAR-10 (``data_batch_1..5`` / ``test_batch``) or CIFAR-100 (``train`` / ``test``).

    Images are returned in BGR channel order, like ``mmcv.LoadImageFromFile`` gives for image
    folders, so both sources share one normalisation and one PNG writer.

    Args:
        data_root: The ``cifar-10-batches-py`` (or ``cifar-100-python``) folder.
        split: ``'train'`` or ``'test'``.
    """

    FILES = {
        'train': ['data_batch_1', 'data_batch_2', 'data_batch_3', 'data_batch_4', 'data_batch_5'],
        'test': ['test_batch'],
    }
    FILES_100 = {'train': ['train'], 'test': ['test']}
    CIFAR10_CLASSES = (
        'airplane',
        'automobile',
        'bird',
        'cat',
        'deer',
        'dog',
        'frog',
        'horse',
        'ship',
        'truck',
    )

    def __init__(self, data_root: str, split: str = 'train', **kwargs):
        if split not in self.FILES:
            raise ValueError(f"CIFARBatchDataset split must be 'train' or 'test', got {split!r}")
        self.split = split
        super().__init__(data_root=data_root, ann_file='', **kwargs)

    def load_data_list(self) -> list[dict]:
        names = self.FILES[self.split]
        if not osp.exists(osp.join(self.data_root, names[0])) and osp.exists(
            osp.join(self.data_root, self.FILES_100[self.split][0])
        ):
            names = self.FILES_100[self.split]
        hint = (
            f'unpack cifar-10-python.tar.gz so that {self.data_root}/{names[0]} exists '
            '(this toolbox never downloads data)'
        )
        data_list = []
        for name in names:
            path = require_path(osp.join(self.data_root, name), hint)
            images, labels = read_cifar_batch(path)
            for i in range(len(labels)):
                data_list.append(
                    dict(
                        img=images[i, :, :, ::-1].copy(),
                        gt_label=int(labels[i]),
                        img_path=f'{path}#{i}',
                    )
                )
        if names == self.FILES['train'] or names == self.FILES['test']:
            self._metainfo.setdefault('classes', self.CIFAR10_CLASSES)
        return data_list
