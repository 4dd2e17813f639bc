import numpy as np
import pytest
import torch

from mmblog.models.losses import MaxMarginRankingLoss, intra_video_weights


def _direct(sim, delta, weights=None):
    n = len(sim)
    total = 0.0
    for i in range(n):
        for j in range(n):
            w = 1.0 if weights is None else weights[i][j]
            total += w * (
                max(0.0, delta + sim[i][j] - sim[i][i]) + max(0.0, delta + sim[i][j] - sim[j][j])
            )
    return total / n**2


def test_plain_loss_is_the_bidirectional_hinge_mean():
    sim = torch.randn(6, 6)
    loss = MaxMarginRankingLoss(margin=0.1, hard_negative_rate=None)(sim)
    assert loss.item() == pytest.approx(_direct(sim.tolist(), 0.1), rel=1e-6)


def test_weights_equal_the_reference_kron_mask():
    v, c, h = 4, 3, 0.5
    alpha = (1 - h) / ((v - 1) * h)
    mask = np.kron((1 - alpha) * np.eye(v) + alpha, np.ones((c, c))) * v * h
    video_index = torch.arange(v).repeat_interleave(c)
    np.testing.assert_allclose(intra_video_weights(video_index, h).numpy(), mask, rtol=1e-6)
    assert intra_video_weights(video_index, 0.3).mean().item() == pytest.approx(1.0)


def test_weighted_loss_and_one_clip_per_video_falls_back_to_the_mean():
    sim = torch.randn(6, 6)
    vids = torch.tensor([0, 0, 1, 1, 2, 2])
    w = intra_video_weights(vids, 0.5).tolist()
    loss = MaxMarginRankingLoss(margin=0.1)(sim, vids)
    assert loss.item() == pytest.approx(_direct(sim.tolist(), 0.1, w), rel=1e-6)
    distinct = MaxMarginRankingLoss(margin=0.1)(sim, torch.arange(6))
    assert distinct.item() == pytest.approx(_direct(sim.tolist(), 0.1), rel=1e-6)


def test_separated_pairs_cost_only_the_diagonal_margin():
    sim = torch.eye(5)  # positives 1, negatives 0: every off-diagonal hinge is inactive
    # the diagonal contributes 2 * delta per row: 2 * 0.1 * 5 / 25
    assert MaxMarginRankingLoss(0.1, None)(sim).item() == pytest.approx(0.04)
