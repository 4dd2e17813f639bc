"""Transforms that pack a loaded example into model inputs and a data sample."""

import numpy as np
import torch
from mmcv.transforms import BaseTransform

from mmblog.registry import TRANSFORMS
from mmblog.structures import ClsDataSample


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
