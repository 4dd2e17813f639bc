"""Accuracy of masked-token predictions, with the best constant (unigram) guess beside it."""

from collections.abc import Sequence

import torch
from mmengine.evaluator import BaseMetric

from mmblog.registry import METRICS

IGNORE_INDEX = -100


@METRICS.register_module()
class MaskedTokenAccuracy(BaseMetric):
    """Share of masked positions whose predicted id is the original one.

    Reads ``pred_tokens`` (L,) and ``mlm_labels`` (L,, -100 where nothing was masked) of each
    data sample. Reports ``mlm/accuracy``, ``mlm/unigram_baseline`` -- the accuracy of always
    guessing the single most frequent target token of this very set, an upper bound of any
    unigram-frequency guess -- and ``mlm/num_masked``.

    Examples:
        >>> from mmblog.structures import TextDataSample
        >>> s = TextDataSample(pred_tokens=torch.tensor([5, 7, 7, 9]),
        ...                    mlm_labels=torch.tensor([-100, 7, 8, 9]))
        >>> metric = MaskedTokenAccuracy()
        >>> metric.process(None, [s.to_dict()])
        >>> metric.compute_metrics(metric.results)['accuracy']
        0.6666666666666666
    """

    default_prefix = 'mlm'

    def process(self, data_batch, data_samples: Sequence) -> None:
        for sample in data_samples:
            sample = sample if isinstance(sample, dict) else sample.to_dict()
            labels = sample['mlm_labels'].cpu()
            pred = sample['pred_tokens'].cpu()[: len(labels)]
            chosen = labels != IGNORE_INDEX
            self.results.append(dict(pred=pred[chosen], target=labels[chosen]))

    def compute_metrics(self, results: list) -> dict:
        pred = torch.cat([r['pred'] for r in results]) if results else torch.zeros(0)
        target = torch.cat([r['target'] for r in results]) if results else torch.zeros(0)
        n = target.numel()
        if n == 0:
            return dict(accuracy=0.0, unigram_baseline=0.0, num_masked=0)
        baseline = torch.unique(target, return_counts=True)[1].max().item() / n
        accuracy = (pred == target).sum().item() / n
        return dict(accuracy=accuracy, unigram_baseline=baseline, num_masked=n)
