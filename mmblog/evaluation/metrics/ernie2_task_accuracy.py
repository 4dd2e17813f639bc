"""Accuracy of every ERNIE 2.0 task next to its best constant guess."""

from collections import defaultdict
from collections.abc import Sequence

import torch
from mmengine.evaluator import BaseMetric

from mmblog.registry import METRICS


@METRICS.register_module()
class Ernie2TaskAccuracy(BaseMetric):
    """Per task: ``<task>_acc`` (%) over its labelled tokens / sentences and ``<task>_majority``
    (%), the accuracy of always answering the most frequent label (the chance level to beat).

    Reads ``task_preds = {task: dict(pred, label)}`` that
    :meth:`~mmblog.models.text.ernie2.Ernie2PretrainModel.predict` writes.

    Examples:
        >>> m = Ernie2TaskAccuracy()
        >>> m.process(None, [dict(task_preds=dict(cap=dict(pred=torch.tensor([1, 0, 0]),
        ...                                            label=torch.tensor([1, 1, 0]))))])
        >>> {k: round(v, 1) for k, v in m.compute_metrics(m.results).items()}
        {'cap_acc': 66.7, 'cap_majority': 66.7}
    """

    default_prefix = 'ernie2'

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        for s in data_samples:
            self.results.append(
                {k: (v['pred'].cpu(), v['label'].cpu()) for k, v in s['task_preds'].items()}
            )

    def compute_metrics(self, results: list) -> dict[str, float]:
        preds, labels = defaultdict(list), defaultdict(list)
        for r in results:
            for task, (p, t) in r.items():
                preds[task].append(p.reshape(-1))
                labels[task].append(t.reshape(-1))
        out = {}
        for task in sorted(preds):
            p, t = torch.cat(preds[task]), torch.cat(labels[task])
            out[f'{task}_acc'] = 100.0 * float((p == t).float().mean())
            out[f'{task}_majority'] = 100.0 * float(torch.bincount(t).max()) / len(t)
        return out
