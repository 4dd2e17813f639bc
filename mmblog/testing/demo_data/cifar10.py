"""CIFAR-10 "python version" files of synthetic shape images (one shape per class)."""

import os
import pickle

import numpy as np

from .shape_classes import SHAPES, draw_shape


def _dump(obj, path: str) -> None:
    tmp = f'{path}.tmp'
    with open(tmp, 'wb') as f:
        pickle.dump(obj, f, protocol=2)
    os.replace(tmp, path)


def make_cifar10_demo(
    out_dir: str, seed: int = 0, per_batch: int = 400, num_test: int = 500
) -> dict:
    """Write ``out_dir/cifar10/cifar-10-batches-py/`` (5 train batches, test_batch, meta).

    Like the real files, dict keys are bytes, ``data`` is N x 3072 uint8 (R, G, B planes of 32x32
    images) and ``labels`` a list of ints. Class ``k`` is the shape ``SHAPES[k]``.

    Returns:
        Number of images per split.
    """
    rng = np.random.default_rng(seed)
    folder = os.path.join(out_dir, 'cifar10', 'cifar-10-batches-py')
    os.makedirs(folder, exist_ok=True)

    def batch(n: int, label: str) -> dict:
        labels = rng.permutation(np.arange(n) % len(SHAPES))
        images = np.stack([draw_shape(SHAPES[k], 32, rng) for k in labels])
        return {
            b'batch_label': label.encode(),
            b'labels': [int(k) for k in labels],
            b'data': images.transpose(0, 3, 1, 2).reshape(n, 3072),
            b'filenames': [f'{SHAPES[k]}_{i:05d}.png'.encode() for i, k in enumerate(labels)],
        }

    for i in range(1, 6):
        _dump(batch(per_batch, f'training batch {i} of 5'), os.path.join(folder, f'data_batch_{i}'))
    _dump(batch(num_test, 'testing batch 1 of 1'), os.path.join(folder, 'test_batch'))
    _dump(
        {
            b'label_names': [s.encode() for s in SHAPES],
            b'num_cases_per_batch': per_batch,
            b'num_vis': 3072,
        },
        os.path.join(folder, 'batches.meta'),
    )
    return {'train': 5 * per_batch, 'test': num_test}
