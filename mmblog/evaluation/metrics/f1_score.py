"""Micro- and macro-averaged F1 for single-label and multi-label predictions."""

from collections.abc import Sequence

import torch
from mmengine.evaluator import BaseMetric

from mmblog.registry import METRICS


def f1_scores(pred: torch.Tensor, target: torch.Tensor, num_classes: int | None = None) -> dict:
    """Micro and macro F1 (in percent) from 0/1 indicator matrices (n, C), or from class indices
    (n,) which are one-hot encoded first. Macro-F1 averages the per-class F1 over classes that
    occur in the targets or the predictions (a class absent from both has no defined F1)."""
    if pred.dim() == 1:
        c = num_classes or int(max(pred.max(), target.max())) + 1
        pred = torch.nn.functional.one_hot(pred.long(), c)
        target = torch.nn.functional.one_hot(target.long(), c)
    pred, target = pred.bool(), target.bool()
    tp = (pred & target).sum(0).double()
    fp = (pred & ~target).sum(0).double()
    fn = (~pred & target).sum(0).double()
    micro = 2 * tp.sum() / (2 * tp.sum() + fp.sum() + fn.sum()).clamp_min(1)
    denom = 2 * tp + fp + fn
    present = denom > 0
    macro = (2 * tp[present] / denom[present]).mean() if present.any() else torch.tensor(0.0)
    return dict(micro_f1=100 * micro.item(), macro_f1=100 * macro.item())


@METRICS.register_module()
class F1Score(BaseMetric):
    """Micro-F1 and macro-F1 (percent), reported as ``f1/micro_f1`` and ``f1/macro_f1``.

    Reads ``pred_label`` and ``gt_label`` of each data sample: class indices (n,) for a
    single-label task (micro-F1 then equals accuracy) or 0/1 matrices (n, C) for multi-label.

    Args:
        average: Which averages to report, from ``('micro', 'macro')``.
    """

    default_prefix = 'f1'

    def __init__(self, average: Sequence[str] = ('micro', 'macro'), **kwargs):
        super().__init__(**kwargs)
        bad = set(average) - {'micro', 'macro'}
        if bad:
            raise ValueError(f"average must be drawn from ('micro', 'macro'), got {sorted(bad)}")
        self.average = tuple(average)

    def process(self, data_batch, data_samples: Sequence) -> None:
        for sample in data_samples:
            sample = sample if isinstance(sample, dict) else sample.to_dict()
            pred, gt = sample['pred_label'].cpu(), sample['gt_label'].cpu()
            if gt.dim() == 0 or (gt.dim() == 1 and pred.dim() == 1):
                pred, gt = pred.reshape(-1), gt.reshape(-1)
            self.results.append(dict(pred=pred, gt=gt, num_classes=sample['pred_score'].shape[-1]))

    def compute_metrics(self, results: list) -> dict:
        pred = torch.cat([r['pred'] for r in results])
        gt = torch.cat([r['gt'] for r in results])
        scores = f1_scores(pred, gt, results[0]['num_classes'])
        return {f'{a}_f1': scores[f'{a}_f1'] for a in self.average}
