"""Load an image and its detection annotations into the results dict."""

import os.path as osp

import cv2
import mmcv.transforms as mmcv_transforms
import numpy as np
from mmcv.transforms import BaseTransform

from mmblog.registry import TRANSFORMS

from .mask_ops import polygons_to_bitmap, rle_to_bitmap


class ImageDecodeError(ValueError):
    """An image file that exists but whose bytes do not decode."""


@TRANSFORMS.register_module()
class LoadImageFromFile(mmcv_transforms.LoadImageFromFile):
    """mmcv's loader (``img``, ``img_shape``, ``ori_shape``) under mmblog's registry.

    A missing or unreadable file raises an error naming the file.
    """

    def transform(self, results: dict) -> dict | None:
        path = results.get('img_path')
        try:
            return super().transform(results)
        except Exception as exc:
            if isinstance(path, str) and not osp.exists(path):
                raise FileNotFoundError(f'could not read image {path!r}: no such file') from exc
            if isinstance(exc, (AssertionError, cv2.error, OSError, ValueError)):
                # The file is there but its bytes do not decode (truncated, empty, not an image).
                size = osp.getsize(path) if isinstance(path, str) and osp.isfile(path) else '?'
                raise ImageDecodeError(
                    f'{path}: the file exists ({size} bytes) but cannot be decoded as an image '
                    '(truncated, empty or not an image file)'
                ) from exc
            raise


@TRANSFORMS.register_module()
class LoadAnnotations(BaseTransform):
    """Turn ``results['instances']`` (from :class:`CocoDataset`) into arrays.

    Writes ``gt_bboxes`` float32 (N, 4) xyxy, ``gt_bboxes_labels`` int64 (N,), ``gt_ignore_flags``
    bool (N,) and, with ``with_mask``, ``gt_masks``: a uint8 (N, H, W) array when ``poly2mask``
    (polygons and RLE are rasterised at the original image size), else per-instance polygons
    (RLE instances force the bitmap form, since they have no polygon).

    Args:
        with_bbox: Load boxes (and ignore flags).
        with_label: Load labels.
        with_mask: Load instance masks.
        poly2mask: Rasterise polygons now (True) or keep them as polygons (False).
    """

    def __init__(
        self,
        with_bbox: bool = True,
        with_label: bool = True,
        with_mask: bool = False,
        poly2mask: bool = True,
        box_type: str | None = 'hbox',
        **kwargs,
    ):
        if box_type not in (None, 'hbox'):
            raise ValueError(f"LoadAnnotations supports box_type='hbox' only, got {box_type!r}")
        self.with_bbox = with_bbox
        self.with_label = with_label
        self.with_mask = with_mask
        self.poly2mask = poly2mask

    def _hw(self, results: dict) -> tuple[int, int]:
        if 'ori_shape' in results:
            return tuple(results['ori_shape'][:2])
        return int(results['height']), int(results['width'])

    def _load_masks(self, results: dict, instances: list) -> None:
        h, w = self._hw(results)
        raw = [inst.get('mask') for inst in instances]
        for i, m in enumerate(raw):
            if m is None:
                raise ValueError(
                    f'{results.get("img_path")}: instance {i} has no "mask" but '
                    'LoadAnnotations(with_mask=True) needs one'
                )
        any_rle = any(isinstance(m, dict) for m in raw)
        # After a Resize (test pipelines load annotations last) polygons would no longer match
        # the image, so they are rasterised at the original size like in MMDetection.
        resized = tuple(results.get('img_shape', (h, w))[:2]) != (h, w)
        if self.poly2mask or any_rle or resized:
            bitmaps = [
                rle_to_bitmap(m, h, w) if isinstance(m, dict) else polygons_to_bitmap(m, h, w)
                for m in raw
            ]
            results['gt_masks'] = (
                np.stack(bitmaps) if bitmaps else np.zeros((0, h, w), dtype=np.uint8)
            )
        else:
            results['gt_masks'] = [
                [np.asarray(p, dtype=np.float64) for p in m if len(p) >= 6 and len(p) % 2 == 0]
                for m in raw
            ]

    def transform(self, results: dict) -> dict:
        instances = results.get('instances', [])
        if self.with_bbox:
            boxes = [inst['bbox'] for inst in instances]
            results['gt_bboxes'] = np.asarray(boxes, dtype=np.float32).reshape(-1, 4)
            results['gt_ignore_flags'] = np.array(
                [bool(inst.get('ignore_flag', 0)) for inst in instances], dtype=bool
            )
        if self.with_label:
            results['gt_bboxes_labels'] = np.array(
                [inst['bbox_label'] for inst in instances], dtype=np.int64
            )
        if self.with_mask:
            self._load_masks(results, instances)
        return results

    def __repr__(self) -> str:
        return (
            f'{self.__class__.__name__}(with_bbox={self.with_bbox}, with_label={self.with_label}, '
            f'with_mask={self.with_mask}, poly2mask={self.poly2mask})'
        )
