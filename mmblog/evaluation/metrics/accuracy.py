"""Top-k accuracy of classification predictions."""

from collections.abc import Sequence

import torch
from mmengine.evaluator import BaseMetric

from mmblog.registry import METRICS


def topk_accuracy(scores: torch.Tensor, labels: torch.Tensor, topk: Sequence[int]) -> list[float]:
    """Fraction of rows of ``scores`` (N, C) whose label is among the k highest, for each k."""
    maxk = min(max(topk), scores.size(1))
    top = scores.topk(maxk, dim=1).indices
    hits = top.eq(labels.view(-1, 1))
    return [hits[:, : min(k, maxk)].any(dim=1).float().mean().item() for k in topk]


@METRICS.register_module()
class Accuracy(BaseMetric):
    """Top-k accuracy, reported as ``accuracy/top{k}``.

    Args:
        topk: The k values to report.
    """

    default_prefix = 'accuracy'

    def __init__(self, topk: int | Sequence[int] = (1,), **kwargs):
        super().__init__(**kwargs)
        self.topk = (topk,) if isinstance(topk, int) else tuple(topk)

    def process(self, data_batch, data_samples: Sequence) -> None:
        for sample in data_samples:
            sample = sample if isinstance(sample, dict) else sample.to_dict()
            self.results.append(
                dict(pred_score=sample['pred_score'].cpu(), gt_label=sample['gt_label'].cpu())
            )

    def compute_metrics(self, results: list) -> dict:
        # A sample holds one score row (an image) or one per scored node (a graph): (C,) or (n, C).
        scores = torch.cat(
            [r['pred_score'].reshape(-1, r['pred_score'].shape[-1]) for r in results]
        )
        labels = torch.cat([r['gt_label'].reshape(-1) for r in results])
        values = topk_accuracy(scores, labels, self.topk)
        return {f'top{k}': v for k, v in zip(self.topk, values)}
