"""The zero-one loss of a binary classifier, reported as a metric."""

from collections.abc import Sequence

import torch
from mmengine.evaluator import BaseMetric

from mmblog.registry import METRICS


@METRICS.register_module()
class ZeroOneError(BaseMetric):
    """Mean of ``1[y f(x) < 0]`` over the data: the non-differentiable loss that margin-based
    surrogates bound. ``f(x)`` is recovered as ``logit(pred_score[1])`` from a two-class score;
    a prediction exactly on the boundary (``f = 0``) counts as correct, as ``phi(0) = 0``."""

    default_prefix = 'margin'

    def process(self, data_batch, data_samples: Sequence) -> None:
        for sample in data_samples:
            sample = sample if isinstance(sample, dict) else sample.to_dict()
            score = sample['pred_score']
            if score.numel() != 2:
                raise ValueError(f'ZeroOneError needs two-class scores, got {score.numel()}')
            p = score[1].double().clamp(1e-12, 1 - 1e-12)
            f = torch.log(p / (1 - p))
            y = 2.0 * int(sample['gt_label'][0]) - 1.0
            self.results.append(float((y * f < 0).item()))

    def compute_metrics(self, results: list) -> dict:
        return {'zero_one_error': sum(results) / max(1, len(results))}
