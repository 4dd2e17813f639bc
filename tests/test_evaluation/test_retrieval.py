import numpy as np
import pytest
import torch

from mmblog.evaluation.metrics import RetrievalMetric, recall_at_k, retrieval_ranks


def _direct_ranks(sim):
    """Rank by a loop: 1 + candidates scoring strictly higher + other candidates tying."""
    ranks = []
    for i, row in enumerate(sim):
        ranks.append(
            1
            + sum(row[j] > row[i] for j in range(len(row)))
            + sum(row[j] == row[i] for j in range(len(row)) if j != i)
        )
    return np.array(ranks)


def test_ranks_match_direct_computation_with_ties():
    rng = np.random.default_rng(0)
    sim = rng.integers(0, 4, size=(30, 30)).astype(float)  # many ties
    np.testing.assert_array_equal(retrieval_ranks(sim), _direct_ranks(sim))


def test_ties_count_against_the_target():
    assert retrieval_ranks(np.ones((5, 5))).tolist() == [5] * 5
    sim = np.array([[0.9, 0.9, 0.1], [0.2, 0.8, 0.1], [0.5, 0.5, 0.4]])
    assert retrieval_ranks(sim).tolist() == [2, 1, 3]
    assert retrieval_ranks(sim, targets=np.array([2, 0, 1])).tolist() == [3, 2, 2]


def test_recall_and_median_rank():
    out = recall_at_k(np.array([1, 2, 6, 11, 1]), ks=(1, 5, 10))
    assert out['R@1'] == pytest.approx(40.0)
    assert out['R@5'] == pytest.approx(60.0)
    assert out['R@10'] == pytest.approx(80.0)
    assert out['MedR'] == 2.0 and out['MeanR'] == pytest.approx(21 / 5)
    assert recall_at_k(np.array([1, 2, 3, 4]))['MedR'] == 2.5  # even count: mean of the middle


def test_metric_restores_dataset_order_and_directions():
    rng = np.random.default_rng(1)
    text = torch.nn.functional.normalize(torch.randn(12, 6), dim=1)
    video = torch.nn.functional.normalize(text + 0.8 * torch.randn(12, 6), dim=1)
    samples = [
        dict(clip_index=i, text_embedding=text[i], video_embedding=video[i])
        for i in rng.permutation(12)
    ]
    sim = (text @ video.t()).numpy()
    for direction, s in (('t2v', sim), ('v2t', sim.T)):
        metric = RetrievalMetric(direction=direction)
        metric.process({}, samples)
        out = metric.compute_metrics(metric.results)
        expected = recall_at_k(_direct_ranks(s))
        for key, value in expected.items():
            assert out[key] == pytest.approx(value)
        assert out['chance_R@1'] == pytest.approx(100 / 12)
