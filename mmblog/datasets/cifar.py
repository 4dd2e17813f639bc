"""CIFAR-10 / CIFAR-100 in their public "python version" format.

CIFAR-10: ``cifar-10-batches-py/{data_batch_1..5, test_batch, batches.meta}``, each a pickled
dict with ``data`` (N x 3072 uint8, the 1024 red, then green, then blue values of a 32x32 image,
row-major) and ``labels``. CIFAR-100: ``cifar-100-python/{train, test, meta}`` with
``fine_labels``/``coarse_labels``. The files were pickled by Python 2, so keys load as bytes.
"""

import os.path as osp
import pickle

import numpy as np
from mmengine.dataset import BaseDataset

from mmblog.registry import DATASETS
from mmblog.utils import require_path

MAKE_DEMO = 'python tools/misc/make_demo_data.py --out data/demo --only cifar10'


class _CifarUnpickler(pickle.Unpickler):
    """Unpickles only what CIFAR batches hold (dicts, lists, numpy arrays), never code.

    The batches are pickles (the real format), so a file from elsewhere could name any global;
    anything outside this allow-list is refused instead of imported and called.
    """

    ALLOWED = {
        ('numpy.core.multiarray', '_reconstruct'),
        ('numpy._core.multiarray', '_reconstruct'),
        ('numpy', 'ndarray'),
        ('numpy', 'dtype'),
        ('numpy.core.multiarray', 'scalar'),
        ('numpy._core.multiarray', 'scalar'),
        ('numpy.core.numeric', '_frombuffer'),
        ('numpy._core.numeric', '_frombuffer'),
        ('_codecs', 'encode'),
        ('__builtin__', 'bytes'),
        ('builtins', 'bytes'),
    }

    def find_class(self, module: str, name: str):
        if (module, name) not in self.ALLOWED:
            raise pickle.UnpicklingError(
                f'refusing global {module}.{name} (a CIFAR batch holds only dicts, lists and '
                'numpy arrays)'
            )
        return super().find_class(module, name)


def load_cifar_pickle(path: str) -> dict:
    """Load one CIFAR pickle with ``str`` keys (the originals have bytes keys).

    Raises:
        ValueError: naming the file, if it is empty, truncated, not a pickle or not a dict, or
            names a global outside the allow-list of :class:`_CifarUnpickler`.
    """
    try:
        with open(path, 'rb') as f:
            raw = _CifarUnpickler(f, encoding='bytes').load()
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError) as exc:
        reason = str(exc) or type(exc).__name__
        raise ValueError(f'{path}: not a readable CIFAR python batch ({reason})') from exc
    if not isinstance(raw, dict):
        raise ValueError(f'{path}: expected a pickled dict, got {type(raw).__name__}')
    return {k.decode() if isinstance(k, bytes) else k: v for k, v in raw.items()}


def _decode_names(names) -> tuple:
    return tuple(n.decode() if isinstance(n, bytes) else str(n) for n in names)


@DATASETS.register_module()
class CIFAR10Dataset(BaseDataset):
    """CIFAR-10 read from the python batches under ``data_root``.

    Args:
        data_root: The folder holding ``cifar-10-batches-py`` (or that folder itself).
        split: ``'train'`` (data_batch_1..5) or ``'test'`` (test_batch).
        channel_order: ``'rgb'`` (the files' order) or ``'bgr'`` (what ``LoadImageFromFile``
            gives for image files, so a model trained on both shares one normalisation and the
            generative family's cv2 PNG writer).
    """

    base_folder = 'cifar-10-batches-py'
    train_files = [f'data_batch_{i}' for i in range(1, 6)]
    test_files = ['test_batch']
    meta_file, meta_key, label_key = 'batches.meta', 'label_names', 'labels'
    METAINFO = {
        'classes': (
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
    }

    def __init__(self, data_root: str, split: str = 'train', channel_order: str = 'rgb', **kwargs):
        if split not in ('train', 'test'):
            raise ValueError(
                f"{type(self).__name__} split must be 'train' or 'test', got {split!r}"
            )
        if channel_order not in ('rgb', 'bgr'):
            raise ValueError(f"channel_order must be 'rgb' or 'bgr', got {channel_order!r}")
        self.split = split
        self.channel_order = channel_order
        self._user_classes = (kwargs.get('metainfo') or {}).get('classes')
        super().__init__(data_root=data_root, ann_file='', **kwargs)

    def _folder(self) -> str:
        inner = osp.join(self.data_root, self.base_folder)
        if osp.isdir(inner):
            return inner
        if osp.isfile(osp.join(self.data_root, self.meta_file)):
            return self.data_root
        return require_path(
            inner,
            f'{MAKE_DEMO} (demo data), or extract the CIFAR python archive into {self.data_root}',
        )

    def load_data_list(self) -> list[dict]:
        folder = self._folder()
        meta_path = require_path(osp.join(folder, self.meta_file), MAKE_DEMO)
        meta = load_cifar_pickle(meta_path)
        if self.meta_key not in meta:
            raise ValueError(f'{meta_path}: missing field "{self.meta_key}" (has {sorted(meta)})')
        classes = _decode_names(meta[self.meta_key])
        if self._user_classes is None:
            self._metainfo['classes'] = classes
        data_list = []
        for name in self.train_files if self.split == 'train' else self.test_files:
            path = require_path(osp.join(folder, name), MAKE_DEMO)
            batch = load_cifar_pickle(path)
            for key in ('data', self.label_key):
                if key not in batch:
                    raise ValueError(f'{path}: missing field "{key}" (has {sorted(batch)})')
            data, labels = np.asarray(batch['data']), np.asarray(batch[self.label_key])
            if not len(data) and not len(labels):
                raise ValueError(f'{path}: field "data" holds no records')
            if data.dtype != np.uint8:
                raise ValueError(f'{path}: field "data" must be uint8 pixels, got {data.dtype}')
            if not np.issubdtype(labels.dtype, np.integer):
                raise ValueError(
                    f'{path}: field "{self.label_key}" must be integers, got {labels.dtype}'
                )
            if data.ndim != 2 or data.shape[1] != 3072 or len(data) != len(labels):
                raise ValueError(
                    f'{path}: expected N x 3072 data and N labels, got '
                    f'{data.shape} and {labels.shape}'
                )
            bad = np.flatnonzero((labels < 0) | (labels >= len(classes)))
            if bad.size:
                raise ValueError(
                    f'{path}: record {bad[0]} field "{self.label_key}" is {labels[bad[0]]}, '
                    f'outside [0, {len(classes)})'
                )
            # Channel-first rows -> HxWx3 RGB.
            images = data.reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)
            if self.channel_order == 'bgr':
                images = np.ascontiguousarray(images[..., ::-1])
            data_list += [
                dict(img=images[i], gt_label=int(labels[i]), img_path=f'{path}#{i}')
                for i in range(len(labels))
            ]
        return data_list


@DATASETS.register_module()
class CIFAR100Dataset(CIFAR10Dataset):
    """CIFAR-100 (``cifar-100-python/{train,test,meta}``), fine labels (100 classes)."""

    base_folder = 'cifar-100-python'
    train_files, test_files = ['train'], ['test']
    meta_file, meta_key, label_key = 'meta', 'fine_label_names', 'fine_labels'
    METAINFO = {'classes': tuple(str(i) for i in range(100))}
