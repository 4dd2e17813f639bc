"""Precision/recall/F1, the confusion-matrix image and the zero-one error."""

import numpy as np
import pytest
import torch
from sklearn.metrics import precision_recall_fscore_support

from mmblog.evaluation import ConfusionMatrix, SingleLabelMetric, ZeroOneError
from mmblog.evaluation.metrics.single_label import confusion_matrix, precision_recall_f1
from mmblog.structures import ClsDataSample


def make_samples(pred, gt, num_classes):
    samples = []
    for p, g in zip(pred, gt):
        score = torch.full((num_classes,), 0.1)
        score[p] = 0.9
        samples.append(ClsDataSample().set_gt_label(int(g)).set_pred_score(score).to_dict())
    return samples


def test_matches_sklearn():
    rng = np.random.default_rng(0)
    gt = rng.integers(0, 4, 200)
    pred = np.where(rng.random(200) < 0.6, gt, rng.integers(0, 4, 200))
    pred[pred == 3] = 2  # class 3 is never predicted: its precision is defined as 0
    cm = confusion_matrix(torch.tensor(pred), torch.tensor(gt), 4)
    assert cm.sum() == 200 and cm[1, 1] == ((pred == 1) & (gt == 1)).sum()
    p, r, f = precision_recall_f1(cm)
    sp, sr, sf, _ = precision_recall_fscore_support(gt, pred, labels=range(4), zero_division=0)
    np.testing.assert_allclose(p.numpy(), sp)
    np.testing.assert_allclose(r.numpy(), sr)
    np.testing.assert_allclose(f.numpy(), sf)

    metric = SingleLabelMetric(classwise=True)
    metric.dataset_meta = dict(classes=('a', 'b', 'c', 'd'))
    metric.process(None, make_samples(pred, gt, 4))
    out = metric.evaluate(200)
    assert out['single-label/precision'] == pytest.approx(sp.mean())
    assert out['single-label/f1-score/b'] == pytest.approx(sf[1])


def test_confusion_matrix_image(tmp_path):
    out_file = tmp_path / 'sub' / 'cm.png'
    metric = ConfusionMatrix(out_file=str(out_file), normalize=True)
    metric.process(None, make_samples([0, 1, 1, 2], [0, 1, 2, 2], 3))
    out = metric.evaluate(4)
    assert out['confusion/mean_class_accuracy'] == pytest.approx((1 + 1 + 0.5) / 3)
    assert metric.matrix.tolist() == [[1, 0, 0], [0, 1, 0], [0, 1, 1]]
    assert out_file.read_bytes()[:4] == b'\x89PNG'


def test_confusion_matrix_errors():
    with pytest.raises(ValueError, match='labels must be'):
        confusion_matrix(torch.tensor([0, 5]), torch.tensor([0, 1]), 3)


def test_zero_one_error():
    metric = ZeroOneError()
    samples = [
        ClsDataSample().set_gt_label(g).set_pred_score(torch.tensor([1 - p, p])).to_dict()
        for g, p in ((1, 0.9), (1, 0.2), (0, 0.3), (0, 0.7))
    ]
    metric.process(None, samples)
    assert metric.evaluate(4)['margin/zero_one_error'] == pytest.approx(0.5)
