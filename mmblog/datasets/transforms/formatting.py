"""Transforms that pack a loaded example into model inputs and a data sample."""

import numpy as np
import torch
from mmcv.transforms import BaseTransform
from mmengine.structures import InstanceData

from mmblog.registry import TRANSFORMS
from mmblog.structures import ClsDataSample, DetDataSample

from .mask_ops import to_bitmap


@TRANSFORMS.register_module()
class PackClsInputs(BaseTransform):
    """Pack ``img`` (HxW or HxWxC) as a CxHxW tensor and ``gt_label`` into a ClsDataSample.

    Args:
        meta_keys: Keys of ``results`` copied into the data sample's metainfo.
    """

    def __init__(self, meta_keys=('sample_idx', 'img_path', 'ori_shape', 'img_shape')):
        self.meta_keys = meta_keys

    def transform(self, results: dict) -> dict:
        img = np.asarray(results['img'])
        if img.ndim == 2:
            img = img[..., None]
        inputs = torch.from_numpy(np.ascontiguousarray(img.transpose(2, 0, 1)))
        sample = ClsDataSample()
        if 'gt_label' in results:
            sample.set_gt_label(results['gt_label'])
        results.setdefault('ori_shape', img.shape[:2])
        results.setdefault('img_shape', img.shape[:2])
        sample.set_metainfo({k: results[k] for k in self.meta_keys if k in results})
        return dict(inputs=inputs, data_samples=sample)


@TRANSFORMS.register_module()
class PackDetInputs(BaseTransform):
    """Pack a detection example into ``inputs`` (uint8 CxHxW BGR) and a DetDataSample.

    ``gt_bboxes`` / ``gt_bboxes_labels`` / ``gt_masks`` become ``gt_instances.bboxes`` (float
    (N, 4)), ``.labels`` (long) and ``.masks`` (uint8 (N, H, W) at ``img_shape``, polygons are
    rasterised here); instances flagged in ``gt_ignore_flags`` (COCO ``iscrowd``) go to
    ``ignored_instances`` instead.

    Args:
        meta_keys: Keys of ``results`` copied into the data sample's metainfo.
    """

    def __init__(
        self,
        meta_keys=(
            'img_id',
            'img_path',
            'ori_shape',
            'img_shape',
            'pad_shape',
            'scale_factor',
            'flip',
            'flip_direction',
        ),
    ):
        self.meta_keys = meta_keys

    @staticmethod
    def _instances(results: dict, keep: np.ndarray, img_hw: tuple) -> InstanceData:
        inst = InstanceData()
        if results.get('gt_bboxes') is not None:
            inst.bboxes = torch.as_tensor(
                np.asarray(results['gt_bboxes'], dtype=np.float32)[keep]
            ).reshape(-1, 4)
        if results.get('gt_bboxes_labels') is not None:
            inst.labels = torch.as_tensor(
                np.asarray(results['gt_bboxes_labels'], dtype=np.int64)[keep]
            )
        if results.get('gt_masks') is not None:
            masks = to_bitmap(results['gt_masks'], *img_hw)
            inst.masks = torch.from_numpy(np.ascontiguousarray(masks[keep]))
        return inst

    def transform(self, results: dict) -> dict:
        img = np.asarray(results['img'])
        if img.ndim == 2:
            img = img[..., None]
        inputs = torch.from_numpy(np.ascontiguousarray(img.transpose(2, 0, 1)))
        img_hw = tuple(img.shape[:2])
        results.setdefault('ori_shape', img_hw)
        results['img_shape'] = img_hw
        results.setdefault('pad_shape', img_hw)
        results.setdefault('scale_factor', (1.0, 1.0))
        results.setdefault('flip', False)
        results.setdefault('flip_direction', None)

        sample = DetDataSample()
        n = None
        for key in ('gt_bboxes', 'gt_bboxes_labels'):
            if results.get(key) is not None:
                n = len(results[key])
        if n is not None:
            ignore = results.get('gt_ignore_flags')
            ignore = np.zeros(n, dtype=bool) if ignore is None else np.asarray(ignore, bool)
            sample.gt_instances = self._instances(results, ~ignore, img_hw)
            sample.ignored_instances = self._instances(results, ignore, img_hw)
        sample.set_metainfo({k: results[k] for k in self.meta_keys if k in results})
        return dict(inputs=inputs, data_samples=sample)
