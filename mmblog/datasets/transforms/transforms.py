"""Detection-aware versions of mmcv's resize / flip / pad: they also move ``gt_masks``.

mmcv's transforms already handle ``img`` and ``gt_bboxes`` (numpy xyxy); these subclasses add the
instance masks (bitmap or polygon form, see :mod:`.mask_ops`) and build their inner ``Resize``
from mmblog's registry.
"""

import mmcv.transforms as mmcv_transforms
import numpy as np

from mmblog.registry import TRANSFORMS

from .mask_ops import flip_masks, pad_masks, resize_masks


@TRANSFORMS.register_module()
class Resize(mmcv_transforms.Resize):
    """Resize image, boxes and masks; sets ``img_shape`` and ``scale_factor`` (w, h).

    Args:
        scale: Target (w, h). With ``keep_ratio`` the image is rescaled to fit inside the long
            and short edges given, e.g. ``(1333, 800)`` as in MMDetection.
        keep_ratio: Keep the aspect ratio.
    """

    def _resize_masks(self, results: dict) -> None:
        if results.get('gt_masks') is not None:
            results['gt_masks'] = resize_masks(
                results['gt_masks'], results['img_shape'][:2], results['scale_factor']
            )

    def transform(self, results: dict) -> dict:
        results = super().transform(results)
        self._resize_masks(results)
        return results


@TRANSFORMS.register_module()
class RandomChoiceResize(mmcv_transforms.RandomChoiceResize):
    """Resize to one of ``scales`` picked at random (multi-scale training).

    Args:
        scales: Candidate (w, h) scales, e.g. ``[(1333, 640), (1333, 672), ..., (1333, 800)]``.
        resize_type: The mmblog resize transform to use.
    """

    def __init__(self, scales, resize_type: str = 'Resize', **resize_kwargs):
        self.scales = scales if isinstance(scales, list) else [scales]
        self.resize_cfg = dict(type=resize_type, **resize_kwargs)
        self.resize = TRANSFORMS.build({'scale': 0, **self.resize_cfg})


@TRANSFORMS.register_module()
class RandomResize(mmcv_transforms.RandomResize):
    """Resize to a scale sampled between two (w, h) scales, or a ratio range of one scale."""

    def __init__(self, scale, ratio_range=None, resize_type: str = 'Resize', **resize_kwargs):
        if isinstance(scale, list):
            scale = [tuple(s) for s in scale]
        self.scale = scale
        self.ratio_range = ratio_range
        self.resize_cfg = dict(type=resize_type, **resize_kwargs)
        self.resize = TRANSFORMS.build({'scale': 0, **self.resize_cfg})


@TRANSFORMS.register_module()
class RandomFlip(mmcv_transforms.RandomFlip):
    """Flip image, boxes and masks with probability ``prob``; sets ``flip``/``flip_direction``."""

    def _flip(self, results: dict) -> None:
        super()._flip(results)
        if results.get('gt_masks') is not None:
            results['gt_masks'] = flip_masks(
                results['gt_masks'], results['img'].shape[:2], results['flip_direction']
            )


@TRANSFORMS.register_module()
class Pad(mmcv_transforms.Pad):
    """Pad the image (bottom/right) to ``size`` or a multiple of ``size_divisor``; masks too.

    Like mmcv (and MMDetection), ``img_shape`` and ``pad_shape`` become the padded size.
    """

    def __init__(self, size=None, size_divisor=None, pad_to_square=False, pad_val=None, **kw):
        if pad_val is None:
            pad_val = dict(img=0, seg=255, masks=0)
        super().__init__(size, size_divisor, pad_to_square, pad_val, **kw)

    def transform(self, results: dict) -> dict:
        results = super().transform(results)
        results['pad_shape'] = tuple(results['img'].shape[:2])
        if results.get('gt_masks') is not None:
            results['gt_masks'] = pad_masks(
                results['gt_masks'], results['pad_shape'], int(self.pad_val.get('masks', 0))
            )
        return results


def clip_boxes(boxes: np.ndarray, img_hw: tuple) -> np.ndarray:
    """Clip xyxy boxes to the image."""
    boxes = boxes.copy()
    boxes[:, 0::2] = np.clip(boxes[:, 0::2], 0, img_hw[1])
    boxes[:, 1::2] = np.clip(boxes[:, 1::2], 0, img_hw[0])
    return boxes
