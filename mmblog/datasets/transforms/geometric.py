"""Geometric augmentations (Rotate, Translate) that move boxes and masks with the image."""

from abc import abstractmethod

import cv2
import numpy as np
from mmcv.transforms import BaseTransform
from mmcv.transforms.utils import cache_randomness

from mmblog.registry import TRANSFORMS

from .mask_ops import select_masks, warp_masks
from .transforms import clip_boxes

_MAX_LEVEL = 10


class GeomTransform(BaseTransform):
    """Apply one random affine map to ``img``, ``gt_bboxes`` and ``gt_masks``.

    The magnitude is ``level / 10 * (max_mag - min_mag) + min_mag`` (uniform in the range when
    ``level`` is None), negated with probability ``reversal_prob``. Boxes become the envelope of
    their moved corners, clipped to the image; instances left with no area are dropped.

    Args:
        prob: Probability to apply the transform at all.
        level: Strength 0..10 (AutoAugment style).
        min_mag / max_mag: Magnitude range.
        reversal_prob: Probability to negate the magnitude.
        img_border_value: Fill value for the image (number or per-channel tuple).
            ``img_fill_val`` (MMDetection 2.x name) is accepted too.
        mask_border_value: Fill value for bitmap masks.
        interpolation: ``'bilinear'`` or ``'nearest'`` for the image.
    """

    def __init__(
        self,
        prob: float = 1.0,
        level: int | None = None,
        min_mag: float = 0.0,
        max_mag: float = 1.0,
        reversal_prob: float = 0.5,
        img_border_value=128,
        mask_border_value: int = 0,
        seg_ignore_label: int = 255,
        interpolation: str = 'bilinear',
        img_fill_val=None,
    ):
        if not 0 <= prob <= 1:
            raise ValueError(f'{type(self).__name__}: prob must be in [0, 1], got {prob}')
        if level is not None and not 0 <= level <= _MAX_LEVEL:
            raise ValueError(f'{type(self).__name__}: level must be in [0, 10], got {level}')
        if min_mag > max_mag:
            raise ValueError(f'{type(self).__name__}: min_mag {min_mag} > max_mag {max_mag}')
        self.prob = prob
        self.level = level
        self.min_mag = min_mag
        self.max_mag = max_mag
        self.reversal_prob = reversal_prob
        self.img_border_value = img_fill_val if img_fill_val is not None else img_border_value
        self.mask_border_value = mask_border_value
        self.seg_ignore_label = seg_ignore_label
        self.interpolation = interpolation

    @cache_randomness
    def _random_disable(self) -> bool:
        return np.random.rand() > self.prob

    @cache_randomness
    def _get_mag(self) -> float:
        if self.level is None:
            mag = np.random.uniform(self.min_mag, self.max_mag)
        else:
            mag = self.level / _MAX_LEVEL * (self.max_mag - self.min_mag) + self.min_mag
        return -mag if np.random.rand() < self.reversal_prob else mag

    @abstractmethod
    def _matrix(self, results: dict, mag: float) -> np.ndarray:
        """The 2x3 affine matrix of this transform for magnitude ``mag``."""

    def transform(self, results: dict) -> dict:
        if self._random_disable():
            return results
        mag = self._get_mag()
        h, w = results['img'].shape[:2]
        m = self._matrix(results, mag)
        border = self.img_border_value
        if isinstance(border, (int, float)):
            border = (border,) * (results['img'].shape[2] if results['img'].ndim == 3 else 1)
        flags = cv2.INTER_NEAREST if self.interpolation == 'nearest' else cv2.INTER_LINEAR
        results['img'] = cv2.warpAffine(
            results['img'], m, (w, h), flags=flags, borderValue=tuple(float(b) for b in border)
        )
        if results.get('gt_masks') is not None:
            results['gt_masks'] = warp_masks(results['gt_masks'], m, (h, w), self.mask_border_value)
        if results.get('gt_seg_map') is not None:
            results['gt_seg_map'] = cv2.warpAffine(
                results['gt_seg_map'],
                m,
                (w, h),
                flags=cv2.INTER_NEAREST,
                borderValue=self.seg_ignore_label,
            )
        if results.get('gt_bboxes') is not None and len(results['gt_bboxes']):
            self._move_boxes(results, m, (h, w))
        return results

    def _move_boxes(self, results: dict, m: np.ndarray, hw: tuple) -> None:
        b = results['gt_bboxes']
        corners = np.stack(
            [b[:, [0, 1]], b[:, [2, 1]], b[:, [0, 3]], b[:, [2, 3]]], axis=1
        )  # (N, 4, 2)
        moved = corners @ m[:, :2].T + m[:, 2]
        boxes = np.concatenate([moved.min(axis=1), moved.max(axis=1)], axis=1)
        boxes = clip_boxes(boxes.astype(np.float32), hw)
        keep = ((boxes[:, 2] - boxes[:, 0]) > 1) & ((boxes[:, 3] - boxes[:, 1]) > 1)
        results['gt_bboxes'] = boxes[keep]
        for key in ('gt_bboxes_labels', 'gt_ignore_flags'):
            if results.get(key) is not None:
                results[key] = results[key][keep]
        if results.get('gt_masks') is not None:
            results['gt_masks'] = select_masks(results['gt_masks'], keep)

    def __repr__(self) -> str:
        return (
            f'{type(self).__name__}(prob={self.prob}, level={self.level}, '
            f'min_mag={self.min_mag}, max_mag={self.max_mag}, reversal_prob={self.reversal_prob})'
        )


@TRANSFORMS.register_module()
class Rotate(GeomTransform):
    """Rotate about the image centre by up to ``max_mag`` degrees (positive = clockwise).

    ``scale`` (MMDetection 2.x) additionally zooms about the centre.
    """

    def __init__(self, prob=1.0, level=None, min_mag=0.0, max_mag=30.0, scale=1.0, **kwargs):
        super().__init__(prob=prob, level=level, min_mag=min_mag, max_mag=max_mag, **kwargs)
        self.scale = scale

    def _matrix(self, results: dict, mag: float) -> np.ndarray:
        h, w = results['img'].shape[:2]
        center = ((w - 1) * 0.5, (h - 1) * 0.5)
        return cv2.getRotationMatrix2D(center, -mag, self.scale)


@TRANSFORMS.register_module()
class Translate(GeomTransform):
    """Shift by up to ``max_mag`` times the image width (``horizontal``) or height (``vertical``)."""

    def __init__(
        self, prob=1.0, level=None, min_mag=0.0, max_mag=0.1, direction='horizontal', **kwargs
    ):
        if direction not in ('horizontal', 'vertical'):
            raise ValueError(
                f"Translate direction must be 'horizontal' or 'vertical', got {direction!r}"
            )
        super().__init__(prob=prob, level=level, min_mag=min_mag, max_mag=max_mag, **kwargs)
        self.direction = direction

    def _matrix(self, results: dict, mag: float) -> np.ndarray:
        h, w = results['img'].shape[:2]
        if self.direction == 'horizontal':
            return np.array([[1, 0, mag * w], [0, 1, 0]], dtype=np.float64)
        return np.array([[1, 0, 0], [0, 1, mag * h]], dtype=np.float64)
