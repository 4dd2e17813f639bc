"""Pack a code-map example (from ``VQCodesDataset``) into prior inputs and a data sample."""

import numpy as np
import torch
from mmcv.transforms import BaseTransform

from mmblog.registry import TRANSFORMS
from mmblog.structures import ClsDataSample


@TRANSFORMS.register_module()
class PackCodeInputs(BaseTransform):
    """``codes`` (and ``cond``) -> ``inputs=dict(codes=long (H, W)[, cond=long (h, w)])``;
    ``gt_label`` (if any) -> a ``ClsDataSample`` for class-conditional priors."""

    def transform(self, results: dict) -> dict:
        inputs = dict(codes=torch.from_numpy(np.asarray(results['codes'], dtype=np.int64)))
        if results.get('cond') is not None:
            inputs['cond'] = torch.from_numpy(np.asarray(results['cond'], dtype=np.int64))
        sample = ClsDataSample()
        if results.get('gt_label') is not None:
            sample.set_gt_label(int(results['gt_label']))
        sample.set_metainfo({'sample_idx': results.get('sample_idx', -1)})
        return dict(inputs=inputs, data_samples=sample)
