"""P@K (hit rate) and MRR@K of next-item recommendation lists."""

from collections.abc import Sequence

import torch
from mmengine.evaluator import BaseMetric

from mmblog.registry import METRICS


def hit_and_reciprocal_rank(
    pred_items: torch.Tensor, target: torch.Tensor, k: int
) -> tuple[torch.Tensor, torch.Tensor]:
    """Per row: 1 if ``target`` is among the first ``k`` of ``pred_items`` (ranked lists, best
    first) and ``1 / rank`` there (0 outside the top k).

    Args:
        pred_items: ``(N, >=k)`` ranked item lists.
        target: ``(N,)`` the true next items.
    """
    match = pred_items[:, :k] == target.view(-1, 1)
    hit = match.any(1).float()
    rank = match.float().argmax(1) + 1
    return hit, hit / rank


@METRICS.register_module()
class RankingMetric(BaseMetric):
    """``P@K`` and ``MRR@K`` in percent, as the SR-GNN paper reports them.

    ``P@K`` is the fraction of test cases whose next item is in the top K (what the session
    recommendation papers call precision; it is the hit rate). ``MRR@K`` is the mean of
    ``1/rank`` with rank > K counted as 0. Reads ``pred_items`` (ranked, best first) and
    ``gt_label`` from each data sample.

    Args:
        topk: The K values (each <= the length of ``pred_items``).
    """

    default_prefix = ''

    def __init__(self, topk: Sequence[int] = (20,), **kwargs):
        super().__init__(**kwargs)
        self.topk = tuple(topk)

    def process(self, data_batch, data_samples: Sequence) -> None:
        for s in data_samples:
            get = s.get if hasattr(s, 'get') else s.__getitem__
            pred = torch.as_tensor(get('pred_items')).view(1, -1).cpu()
            if pred.shape[1] < max(self.topk):
                raise ValueError(
                    f'RankingMetric: pred_items has {pred.shape[1]} items, '
                    f'fewer than K={max(self.topk)}; raise the model topk'
                )
            target = torch.as_tensor(get('gt_label')).view(1).cpu()
            row = []
            for k in self.topk:
                hit, rr = hit_and_reciprocal_rank(pred, target, k)
                row += [float(hit), float(rr)]
            self.results.append(row)

    def compute_metrics(self, results: list) -> dict:
        r = torch.tensor(results, dtype=torch.float64).view(-1, 2 * len(self.topk)).mean(0)
        out = {}
        for j, k in enumerate(self.topk):
            out[f'P@{k}'] = 100 * float(r[2 * j])
            out[f'MRR@{k}'] = 100 * float(r[2 * j + 1])
        return out
