"""Micro precision / recall / F1 and strict accuracy of multi-label predictions."""

from collections.abc import Sequence

import numpy as np
from mmengine.evaluator import BaseMetric

from mmblog.registry import METRICS


@METRICS.register_module()
class MultiLabelF1(BaseMetric):
    """OpenEntity / FIGER-style scores (ERNIE reports micro P/R/F1 on OpenEntity).

    Micro-F1 pools every (example, label) decision; strict accuracy counts examples whose
    predicted label set equals the true one. Samples carry ``pred_label`` and ``gt_label`` as
    index tensors.
    """

    default_prefix = 'typing'

    def process(self, data_batch, data_samples: Sequence) -> None:
        for sample in data_samples:
            sample = sample if isinstance(sample, dict) else sample.to_dict()
            pred = set(int(i) for i in sample['pred_label'])
            gold = set(int(i) for i in sample['gt_label'])
            self.results.append((len(pred & gold), len(pred), len(gold), pred == gold))

    def compute_metrics(self, results: list) -> dict:
        tp, n_pred, n_gold, exact = (np.asarray(col) for col in zip(*results))
        p = tp.sum() / max(n_pred.sum(), 1)
        r = tp.sum() / max(n_gold.sum(), 1)
        f1 = 2 * p * r / (p + r) if p + r > 0 else 0.0
        return dict(
            micro_p=float(p), micro_r=float(r), micro_f1=float(f1), strict_acc=float(exact.mean())
        )
