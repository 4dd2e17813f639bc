"""Accuracy over scored nodes, micro/macro-F1 against scikit-learn, cross-entropy directly."""

import numpy as np
import pytest
import torch
from sklearn.metrics import f1_score

from mmblog.evaluation.metrics import Accuracy, CrossEntropy, F1Score, f1_scores
from mmblog.structures import GraphDataSample


def sample(scores, gt, multilabel=False, reg=None):
    s = GraphDataSample()
    s.set_pred_score(scores, multilabel=multilabel)
    s.gt_label = gt
    if reg is not None:
        s.reg_loss = torch.tensor(reg)
    return s


def run(metric, samples):
    metric.process(None, samples)
    return metric.evaluate(len(samples))


def test_single_label_accuracy_f1_ce():
    g = torch.Generator().manual_seed(0)
    scores = [torch.rand(7, 4, generator=g).softmax(-1) for _ in range(2)]
    gts = [torch.randint(4, (7,), generator=g) for _ in range(2)]
    samples = [sample(s, t) for s, t in zip(scores, gts)]
    pred = torch.cat(scores).argmax(-1).numpy()
    gt = torch.cat(gts).numpy()
    acc = run(Accuracy(), samples)['accuracy/top1']
    assert acc == pytest.approx((pred == gt).mean())
    f1 = run(F1Score(), samples)
    assert f1['f1/micro_f1'] == pytest.approx(100 * f1_score(gt, pred, average='micro'))
    assert f1['f1/macro_f1'] == pytest.approx(100 * f1_score(gt, pred, average='macro'))
    ce = run(CrossEntropy(add_reg_loss=True), [sample(s, t, reg=0.5) for s, t in zip(scores, gts)])
    p = torch.cat(scores).double()
    ref = -p[torch.arange(14), torch.cat(gts)].log().mean().item() + 0.5
    assert ce['cross_entropy/loss'] == pytest.approx(ref)


def test_multilabel_f1_matches_sklearn():
    rng = np.random.default_rng(0)
    gt = rng.integers(2, size=(30, 5))
    gt[:, 4] = 0  # a class absent from the targets
    scores = torch.from_numpy(rng.random((30, 5))).float()
    pred = (scores > 0.5).long().numpy()
    out = run(F1Score(), [sample(scores, torch.from_numpy(gt), multilabel=True)])
    assert out['f1/micro_f1'] == pytest.approx(100 * f1_score(gt, pred, average='micro'))
    present = (gt.sum(0) + pred.sum(0)) > 0
    macro = f1_score(gt[:, present], pred[:, present], average='macro')
    assert out['f1/macro_f1'] == pytest.approx(100 * macro)
    assert f1_scores(torch.tensor([0, 1, 1]), torch.tensor([0, 1, 0]))['micro_f1'] == pytest.approx(
        200 / 3
    )
    with pytest.raises(ValueError, match='average'):
        F1Score(average=('weighted',))
