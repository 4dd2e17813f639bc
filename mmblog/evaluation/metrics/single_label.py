"""Per-class precision, recall and F1 of single-label classification."""

from collections.abc import Sequence

import torch
from mmengine.evaluator import BaseMetric

from mmblog.registry import METRICS


def confusion_matrix(pred: torch.Tensor, target: torch.Tensor, num_classes: int) -> torch.Tensor:
    """``cm[i, j]`` = number of samples of true class ``i`` predicted as ``j``."""
    pred, target = pred.reshape(-1).long(), target.reshape(-1).long()
    if pred.numel() != target.numel():
        raise ValueError(f'{pred.numel()} predictions for {target.numel()} targets')
    if pred.numel() and (
        max(pred.max(), target.max()) >= num_classes or min(pred.min(), target.min()) < 0
    ):
        raise ValueError(f'labels must be in [0, {num_classes})')
    return torch.bincount(target * num_classes + pred, minlength=num_classes**2).reshape(
        num_classes, num_classes
    )


def precision_recall_f1(cm: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Per-class precision, recall and F1 from a confusion matrix (0 where undefined)."""
    cm = cm.double()
    tp = cm.diag()
    predicted, actual = cm.sum(0), cm.sum(1)
    precision = torch.where(predicted > 0, tp / predicted.clamp(min=1), torch.zeros_like(tp))
    recall = torch.where(actual > 0, tp / actual.clamp(min=1), torch.zeros_like(tp))
    denom = precision + recall
    f1 = torch.where(
        denom > 0, 2 * precision * recall / denom.clamp(min=1e-12), torch.zeros_like(tp)
    )
    return precision, recall, f1


class _PredCollector(BaseMetric):
    """Stores (predicted label, true label, number of classes) of every sample."""

    def process(self, data_batch, data_samples: Sequence) -> None:
        for sample in data_samples:
            sample = sample if isinstance(sample, dict) else sample.to_dict()
            score = sample['pred_score']
            self.results.append(
                dict(
                    pred=int(score.argmax()),
                    gt=int(sample['gt_label'][0]),
                    num_classes=int(score.numel()),
                )
            )

    def _matrix(self, results: list) -> torch.Tensor:
        num_classes = results[0]['num_classes']
        pred = torch.tensor([r['pred'] for r in results])
        gt = torch.tensor([r['gt'] for r in results])
        return confusion_matrix(pred, gt, num_classes)

    def _class_names(self, num_classes: int) -> list[str]:
        classes = (self.dataset_meta or {}).get('classes')
        if classes and len(classes) == num_classes:
            return [str(c) for c in classes]
        return [str(i) for i in range(num_classes)]


@METRICS.register_module()
class SingleLabelMetric(_PredCollector):
    """Macro-averaged precision / recall / F1, and per class with ``classwise=True``
    (keys ``precision/<class>`` ...), all in percent-free fractions.

    Args:
        items: Which of ``'precision'``, ``'recall'``, ``'f1-score'`` to report.
        classwise: Also report every class's values.
    """

    default_prefix = 'single-label'

    def __init__(
        self, items=('precision', 'recall', 'f1-score'), classwise: bool = False, **kwargs
    ):
        super().__init__(**kwargs)
        bad = set(items) - {'precision', 'recall', 'f1-score'}
        if bad:
            raise ValueError(f'unknown items {sorted(bad)}; use precision, recall, f1-score')
        self.items, self.classwise = tuple(items), classwise

    def compute_metrics(self, results: list) -> dict:
        cm = self._matrix(results)
        values = dict(zip(('precision', 'recall', 'f1-score'), precision_recall_f1(cm)))
        names = self._class_names(cm.size(0))
        out = {}
        for item in self.items:
            out[item] = values[item].mean().item()
            if self.classwise:
                out.update({f'{item}/{n}': v.item() for n, v in zip(names, values[item])})
        return out
