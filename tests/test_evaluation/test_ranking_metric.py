"""P@K / MRR@K against a direct computation, and the popularity / Markov baselines."""

import pytest
import torch

from mmblog.evaluation.metrics import (
    RankingMetric,
    evaluate_baselines,
    markov_rankings,
    popularity_ranking,
)


def test_p_and_mrr_at_k_match_direct_computation():
    g = torch.Generator().manual_seed(0)
    preds = [torch.randperm(50, generator=g)[:20] + 1 for _ in range(30)]
    targets = [int(torch.randint(1, 51, (1,), generator=g)) for _ in range(30)]
    metric = RankingMetric(topk=(5, 20))
    metric.process(
        None, [dict(pred_items=p, gt_label=torch.tensor(t)) for p, t in zip(preds, targets)]
    )
    out = metric.compute_metrics(metric.results)
    for k in (5, 20):
        hits, rr = [], []
        for p, t in zip(preds, targets):
            lst = p[:k].tolist()
            hits.append(t in lst)
            rr.append(1 / (lst.index(t) + 1) if t in lst else 0.0)
        assert out[f'P@{k}'] == pytest.approx(100 * sum(hits) / 30)
        assert out[f'MRR@{k}'] == pytest.approx(100 * sum(rr) / 30)


def test_short_prediction_list_is_an_error():
    metric = RankingMetric(topk=(20,))
    with pytest.raises(ValueError, match='fewer than K=20'):
        metric.process(None, [dict(pred_items=torch.arange(1, 6), gt_label=torch.tensor(1))])


def test_popularity_and_markov_baselines():
    train = [[1, 2, 3], [1, 2, 4], [5, 2, 3], [3, 1]]
    # Counts: 1:3 2:3 3:3 4:1 5:1 -> ties keep item order.
    assert popularity_ranking(train, 5).tolist() == [1, 2, 3, 4, 5]
    # After 2: 3 twice, 4 once; popularity fills the rest (1, then 2 itself: a repeat click is
    # a valid next item). After 5: only 2, then 1 3 4.
    ranks = markov_rankings(train, torch.tensor([2, 5]), 5, k=4)
    assert ranks.tolist() == [[3, 4, 1, 2], [2, 1, 3, 4]]
    out = evaluate_baselines(train, [[1, 2], [4, 5]], [4, 2], 5, k=2)
    assert out['popularity'] == {'P@2': 50.0, 'MRR@2': 25.0}  # [1, 2]: 2 hits at rank 2
    assert out['markov'] == {'P@2': 100.0, 'MRR@2': 75.0}  # 4 at rank 2, 2 at rank 1
