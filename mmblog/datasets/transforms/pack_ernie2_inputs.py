"""Pack an ERNIE 2.0 example: token inputs plus every task's labels in one data sample."""

import numpy as np
import torch
from mmcv.transforms import BaseTransform

from mmblog.registry import TRANSFORMS
from mmblog.structures import TextDataSample


@TRANSFORMS.register_module()
class PackErnie2Inputs(BaseTransform):
    """``inputs`` = ``input_ids`` / ``token_type_ids`` / ``task_type_ids``; the data sample gets
    the per-token ``label_keys`` (padded with -100 by ``TextDataPreprocessor``), ``gt_label``
    when the format has a sentence label, and the ``task`` format name as metainfo."""

    def __init__(
        self,
        input_keys: tuple[str, ...] = ('input_ids', 'token_type_ids', 'task_type_ids'),
        label_keys: tuple[str, ...] = ('cap_labels', 'tdr_labels', 'km_span_ids'),
    ):
        self.input_keys = input_keys
        self.label_keys = label_keys

    def transform(self, results: dict) -> dict:
        inputs = {k: torch.as_tensor(np.asarray(results[k])) for k in self.input_keys}
        sample = TextDataSample(metainfo=dict(task=results['task']))
        for k in self.label_keys:
            sample.set_field(torch.as_tensor(np.asarray(results[k])), k)
        if 'gt_label' in results:
            sample.set_gt_label(results['gt_label'])
        return dict(inputs=inputs, data_samples=sample)
