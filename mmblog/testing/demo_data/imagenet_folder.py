"""A tiny ImageNet-style tree: ``train/<class>/*.JPEG``, ``val/<class>/*.JPEG`` and
``meta/{train,val}.txt`` annotation lists plus ``meta/classes.txt``."""

import os

import cv2
import numpy as np

from .shape_classes import SHAPES, draw_shape


def make_imagenet_folder_demo(
    out_dir: str, seed: int = 0, num_classes: int = 5, per_class: tuple = (40, 10), size: int = 80
) -> dict:
    """Write ``out_dir/imagenet_folder`` with ``num_classes`` shape classes of RGB JPEGs.

    Returns:
        Number of images per split.
    """
    rng = np.random.default_rng(seed)
    root = os.path.join(out_dir, 'imagenet_folder')
    classes = SHAPES[:num_classes]
    os.makedirs(os.path.join(root, 'meta'), exist_ok=True)
    counts = {}
    for split, n in zip(('train', 'val'), per_class):
        lines = []
        for label, name in enumerate(classes):
            os.makedirs(os.path.join(root, split, name), exist_ok=True)
            for i in range(n):
                rel = f'{name}/{name}_{i:04d}.JPEG'
                img = draw_shape(name, size, rng)
                cv2.imwrite(
                    os.path.join(root, split, rel), img[..., ::-1], [cv2.IMWRITE_JPEG_QUALITY, 95]
                )
                lines.append(f'{rel} {label}\n')
        with open(os.path.join(root, 'meta', f'{split}.txt'), 'w') as f:
            f.writelines(lines)
        counts[split] = len(lines)
    with open(os.path.join(root, 'meta', 'classes.txt'), 'w') as f:
        f.writelines(f'{c}\n' for c in classes)
    return counts
