"""Accuracy of several prediction tasks at once (pre-training: MLM, MNCE, FOM, VSM, QA)."""

from collections import defaultdict
from collections.abc import Sequence

from mmengine.evaluator import BaseMetric

from mmblog.registry import METRICS


@METRICS.register_module()
class TaskAccuracy(BaseMetric):
    """Sum ``correct`` / ``total`` per task and report each accuracy (%) with its chance level.

    Each prediction is a dict ``{task: dict(correct=c, total=n, chance=p)}`` where ``chance`` is
    the summed probability a uniform guess would be right (e.g. ``n / num_classes``); the
    metric reports ``<task>_acc`` and ``<task>_chance`` in percent.
    """

    default_prefix = 'pretrain'

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        for s in data_samples:
            self.results.append({k: v for k, v in s.items() if isinstance(v, dict)})

    def compute_metrics(self, results: list) -> dict[str, float]:
        sums = defaultdict(lambda: [0.0, 0.0, 0.0])
        for r in results:
            for task, v in r.items():
                sums[task][0] += float(v['correct'])
                sums[task][1] += float(v['total'])
                sums[task][2] += float(v.get('chance', 0.0))
        out = {}
        for task, (c, n, ch) in sorted(sums.items()):
            if n:
                out[f'{task}_acc'] = 100.0 * c / n
                out[f'{task}_chance'] = 100.0 * ch / n
        return out
