"""MNIST in its public idx format (``train-images-idx3-ubyte`` etc., optionally gzipped)."""

import gzip
import os
import os.path as osp
import struct

import numpy as np
from mmengine.dataset import BaseDataset

from mmblog.registry import DATASETS
from mmblog.utils import require_path

IDX_DTYPES = {0x08: np.uint8, 0x09: np.int8, 0x0B: '>i2', 0x0C: '>i4', 0x0D: '>f4', 0x0E: '>f8'}


def read_idx(path: str) -> np.ndarray:
    """Read one idx file (the MNIST format) into an array.

    Raises:
        ValueError: If the magic number or the size does not match the header, naming the file.
    """
    opener = gzip.open if path.endswith('.gz') else open
    try:
        with opener(path, 'rb') as f:
            raw = f.read()
    except (OSError, EOFError) as exc:  # a truncated or non-gzip .gz
        raise ValueError(f'{path}: cannot be read as a gzipped idx file ({exc})') from exc
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] not in IDX_DTYPES:
        raise ValueError(f'{path}: not an idx file (bad magic number {raw[:4]!r})')
    ndim = raw[3]
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise ValueError(
            f'{path}: header says {ndim} dimensions ({header} header bytes) but the file has '
            f'only {len(raw)} bytes'
        )
    shape = struct.unpack(f'>{ndim}I', raw[4:header])
    dtype = np.dtype(IDX_DTYPES[raw[2]])
    expected = int(np.prod(shape)) * dtype.itemsize
    if len(raw) - header != expected:
        raise ValueError(
            f'{path}: header says shape {shape} ({expected} bytes) but the file holds '
            f'{len(raw) - header} bytes of data'
        )
    return np.frombuffer(raw, dtype=dtype, offset=header).reshape(shape)


def write_idx(path: str, array: np.ndarray) -> None:
    """Write ``array`` (uint8) as an idx file, via a temp file so no half-written file remains."""
    array = np.ascontiguousarray(array, dtype=np.uint8)
    header = bytes([0, 0, 0x08, array.ndim]) + struct.pack(f'>{array.ndim}I', *array.shape)
    tmp = f'{path}.tmp'
    with open(tmp, 'wb') as f:
        f.write(header + array.tobytes())
    os.replace(tmp, path)


@DATASETS.register_module()
class MNISTDataset(BaseDataset):
    """MNIST read from the four idx files in ``data_root``.

    Args:
        data_root: Folder holding ``{prefix}-images-idx3-ubyte[.gz]`` and
            ``{prefix}-labels-idx1-ubyte[.gz]``.
        split: ``'train'`` (prefix ``train``) or ``'test'`` (prefix ``t10k``).
    """

    METAINFO = {'classes': tuple(str(i) for i in range(10))}
    SPLIT_PREFIX = {'train': 'train', 'test': 't10k'}
    MAKE_DEMO = 'python tools/misc/make_demo_data.py --out data/demo'

    def __init__(self, data_root: str, split: str = 'train', **kwargs):
        if split not in self.SPLIT_PREFIX:
            raise ValueError(f"MNISTDataset split must be 'train' or 'test', got {split!r}")
        self.split = split
        super().__init__(data_root=data_root, ann_file='', **kwargs)

    def _find(self, kind: str, ndim: int) -> str:
        stem = osp.join(self.data_root, f'{self.SPLIT_PREFIX[self.split]}-{kind}-idx{ndim}-ubyte')
        for candidate in (stem, stem + '.gz'):
            if osp.isfile(candidate):
                return candidate
        return require_path(
            stem,
            f'{self.MAKE_DEMO} (demo digits), or put the MNIST idx files in {self.data_root}',
        )

    def load_data_list(self) -> list[dict]:
        images_path, labels_path = self._find('images', 3), self._find('labels', 1)
        images, labels = read_idx(images_path), read_idx(labels_path)
        if images.ndim != 3 or labels.ndim != 1 or len(images) != len(labels):
            raise ValueError(
                f'{images_path} / {labels_path}: expected N images of HxW and N labels, got '
                f'{images.shape} and {labels.shape}'
            )
        if images.dtype != np.uint8:
            raise ValueError(
                f'{images_path}: images must be unsigned bytes (idx type 0x08), got {images.dtype.name}'
            )
        if not len(labels):
            raise ValueError(f'{labels_path}: the {self.split} split holds no records')
        bad = np.flatnonzero(labels >= len(self.METAINFO['classes']))
        if bad.size:
            raise ValueError(f'{labels_path}: record {bad[0]} has label {labels[bad[0]]} > 9')
        return [
            dict(img=images[i], gt_label=int(labels[i]), img_path=f'{images_path}#{i}')
            for i in range(len(labels))
        ]
