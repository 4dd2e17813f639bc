import pytest
import torch

from mmblog.evaluation import Accuracy, topk_accuracy
from mmblog.structures import ClsDataSample


def test_topk_accuracy_against_hand_count():
    scores = torch.tensor([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2], [0.2, 0.3, 0.5], [0.6, 0.3, 0.1]])
    labels = torch.tensor([1, 1, 0, 2])
    # top1 hits: row 0 only; top2 adds row 1 (0.3 second) -> 2/4; top3 is everything.
    assert topk_accuracy(scores, labels, (1, 2, 3)) == [0.25, 0.5, 1.0]


def test_metric_over_data_samples():
    metric = Accuracy(topk=(1,))
    samples = []
    for score, label in [([0.9, 0.1], 0), ([0.2, 0.8], 0), ([0.3, 0.7], 1)]:
        s = ClsDataSample().set_gt_label(label).set_pred_score(torch.tensor(score))
        samples.append(s.to_dict())
    metric.process({}, samples)
    assert metric.compute_metrics(metric.results) == {'top1': pytest.approx(2 / 3)}
