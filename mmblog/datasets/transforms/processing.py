"""Image augmentations for classification not provided by mmcv.transforms.

(Resize, RandomFlip, CenterCrop, Normalize, Pad come from mmcv and are used by type name.)
"""

import math
import random

import cv2
import numpy as np
from mmcv.transforms import BaseTransform

from mmblog.registry import TRANSFORMS


def _set_img(results: dict, img: np.ndarray) -> dict:
    results['img'] = img
    results['img_shape'] = img.shape[:2]
    return results


@TRANSFORMS.register_module()
class RandomCrop(BaseTransform):
    """Zero-pad by ``padding`` then crop ``crop_size`` at a random place (CIFAR: pad 4, crop 32).

    Args:
        crop_size: int or (h, w).
        padding: Pixels added on every side before cropping.
        pad_val: Fill value of the padding.
    """

    def __init__(self, crop_size, padding: int = 0, pad_val: int = 0):
        self.crop_size = (crop_size, crop_size) if isinstance(crop_size, int) else tuple(crop_size)
        self.padding = padding
        self.pad_val = pad_val

    def transform(self, results: dict) -> dict:
        img = results['img']
        if self.padding:
            p = self.padding
            pad = ((p, p), (p, p)) + ((0, 0),) * (img.ndim - 2)
            img = np.pad(img, pad, constant_values=self.pad_val)
        h, w = img.shape[:2]
        ch, cw = self.crop_size
        if ch > h or cw > w:
            raise ValueError(f'crop {self.crop_size} larger than padded image {(h, w)}')
        y, x = random.randint(0, h - ch), random.randint(0, w - cw)
        return _set_img(results, np.ascontiguousarray(img[y : y + ch, x : x + cw]))

    def __repr__(self):
        return f'{type(self).__name__}(crop_size={self.crop_size}, padding={self.padding})'


@TRANSFORMS.register_module()
class RandomResizedCrop(BaseTransform):
    """Crop a random area fraction ``scale`` and aspect ratio ``ratio``, resize to ``size``
    (the Inception/ResNet ImageNet augmentation); falls back to a centre crop."""

    def __init__(self, size, scale=(0.08, 1.0), ratio=(3 / 4, 4 / 3), interpolation='bilinear'):
        self.size = (size, size) if isinstance(size, int) else tuple(size)
        self.scale, self.ratio = scale, ratio
        self.interp = {
            'bilinear': cv2.INTER_LINEAR,
            'bicubic': cv2.INTER_CUBIC,
            'nearest': cv2.INTER_NEAREST,
        }[interpolation]

    def _box(self, h, w):
        area = h * w
        log_ratio = (math.log(self.ratio[0]), math.log(self.ratio[1]))
        for _ in range(10):
            target = area * random.uniform(*self.scale)
            aspect = math.exp(random.uniform(*log_ratio))
            cw, ch = int(round(math.sqrt(target * aspect))), int(round(math.sqrt(target / aspect)))
            if 0 < cw <= w and 0 < ch <= h:
                return random.randint(0, h - ch), random.randint(0, w - cw), ch, cw
        side = min(h, w)
        return (h - side) // 2, (w - side) // 2, side, side

    def transform(self, results: dict) -> dict:
        img = results['img']
        y, x, ch, cw = self._box(*img.shape[:2])
        crop = img[y : y + ch, x : x + cw]
        out = cv2.resize(crop, self.size[::-1], interpolation=self.interp)
        if img.ndim == 3 and out.ndim == 2:
            out = out[..., None]
        return _set_img(results, out)


@TRANSFORMS.register_module()
class ResizeEdge(BaseTransform):
    """Resize so the ``edge`` ('short' or 'long') side equals ``scale``, keeping the aspect
    ratio (ImageNet evaluation: short side 256, then CenterCrop 224)."""

    def __init__(self, scale: int, edge: str = 'short', interpolation='bilinear'):
        if edge not in ('short', 'long'):
            raise ValueError(f"edge must be 'short' or 'long', got {edge!r}")
        self.scale, self.edge = scale, edge
        self.interp = {'bilinear': cv2.INTER_LINEAR, 'bicubic': cv2.INTER_CUBIC}[interpolation]

    def transform(self, results: dict) -> dict:
        img = results['img']
        h, w = img.shape[:2]
        ref = min(h, w) if self.edge == 'short' else max(h, w)
        ratio = self.scale / ref
        size = (max(1, int(round(w * ratio))), max(1, int(round(h * ratio))))
        out = cv2.resize(img, size, interpolation=self.interp)
        if img.ndim == 3 and out.ndim == 2:
            out = out[..., None]
        return _set_img(results, out)
