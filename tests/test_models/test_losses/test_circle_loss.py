import math

import numpy as np
import pytest
import torch

from mmblog.models.losses import CircleLoss
from mmblog.registry import MODELS


def _direct(sp, sn, m, gamma):
    """One anchor, written out from the paper's Eq. (4) with a_p / a_n and D_p / D_n."""
    sum_n = sum(math.exp(gamma * max(0.0, s + m) * (s - m)) for s in sn)
    sum_p = sum(math.exp(-gamma * max(0.0, 1 + m - s) * (s - (1 - m))) for s in sp)
    return math.log1p(sum_n * sum_p)


@pytest.mark.parametrize('m,gamma', [(0.25, 256.0), (0.3, 32.0), (0.1, 4.0)])
def test_matches_a_direct_per_anchor_computation_with_masks(m, gamma):
    rng = np.random.default_rng(0)
    pos = rng.uniform(0, 1, (5, 3))
    neg = rng.uniform(0, 1, (5, 7))
    pos_mask = rng.uniform(size=(5, 3)) < 0.7
    neg_mask = rng.uniform(size=(5, 7)) < 0.6
    pos_mask[:, 0] = neg_mask[:, 0] = True
    expected = np.mean(
        [_direct(pos[a][pos_mask[a]], neg[a][neg_mask[a]], m, gamma) for a in range(5)]
    )
    loss = CircleLoss(margin=m, gamma=gamma)(
        torch.tensor(pos), torch.tensor(neg), torch.tensor(pos_mask), torch.tensor(neg_mask)
    )
    assert loss.dtype == torch.float64
    assert loss.item() == pytest.approx(expected, rel=1e-10)
    # Masked entries do not matter: changing them leaves the loss unchanged.
    pos2, neg2 = pos.copy(), neg.copy()
    pos2[~pos_mask], neg2[~neg_mask] = 0.123, 0.987
    loss2 = CircleLoss(margin=m, gamma=gamma)(
        torch.tensor(pos2), torch.tensor(neg2), torch.tensor(pos_mask), torch.tensor(neg_mask)
    )
    assert loss2.item() == pytest.approx(loss.item(), rel=1e-12)


def test_anchors_without_negatives_or_positives_give_zero_and_no_nan():
    pos = torch.tensor([[0.2, 0.9], [0.5, 0.5], [0.9, 0.1]], dtype=torch.float64)
    neg = torch.tensor([[0.8], [0.4], [0.3]], dtype=torch.float64, requires_grad=True)
    pos.requires_grad_(True)
    neg_mask = torch.tensor([[False], [True], [True]])
    pos_mask = torch.tensor([[True, True], [True, True], [False, False]])
    loss = CircleLoss(margin=0.25, gamma=32)(pos, neg, pos_mask, neg_mask)
    # Only anchor 1 has both sides: the mean is its loss alone.
    assert loss.item() == pytest.approx(_direct([0.5, 0.5], [0.4], 0.25, 32), rel=1e-10)
    loss.backward()
    assert torch.isfinite(pos.grad).all() and torch.isfinite(neg.grad).all()
    assert pos.grad[0].abs().sum() == 0 and neg.grad[2].abs().sum() == 0
    # No valid anchor at all: 0, attached to the graph.
    empty = CircleLoss()(pos, neg, pos_mask, torch.zeros_like(neg_mask))
    assert empty.item() == 0.0 and empty.requires_grad


def test_gradient_flows_only_through_the_similarities():
    """With a_p, a_n detached, d/ds_n of one anchor's loss is g * a_n * softmax weight * sigma."""
    m, g = 0.25, 8.0
    sp = torch.tensor([[0.6]], dtype=torch.float64, requires_grad=True)
    sn = torch.tensor([[0.5]], dtype=torch.float64, requires_grad=True)
    CircleLoss(margin=m, gamma=g)(sp, sn).backward()
    a_p, a_n = 1 + m - 0.6, 0.5 + m
    z = g * a_n * (0.5 - m) - g * a_p * (0.6 - (1 - m))
    sig = 1 / (1 + math.exp(-z))
    assert sn.grad.item() == pytest.approx(sig * g * a_n, rel=1e-10)
    assert sp.grad.item() == pytest.approx(-sig * g * a_p, rel=1e-10)


def test_better_separation_gives_lower_loss_and_the_registry_builds_it():
    loss = MODELS.build(dict(type='CircleLoss', margin=0.3, gamma=32, loss_weight=2.0))
    good = loss(torch.tensor([[0.9]]), torch.tensor([[0.1, 0.2]]))
    bad = loss(torch.tensor([[0.4]]), torch.tensor([[0.6, 0.2]]))
    assert good < bad
    with pytest.raises(ValueError, match='pos \\(A, P\\) and neg \\(A, N\\)'):
        loss(torch.zeros(3), torch.zeros(3, 2))
