"""Filtered ranks against a direct per-triple computation."""

import numpy as np
import torch

from mmblog.evaluation.metrics import LinkPredictionMetric


def _direct_rank(scores, target, known_answers):
    s = scores.clone()
    for e in known_answers:
        if e != target:
            s[e] = float('-inf')
    better = int((s > s[target]).sum())
    tied = int((s == s[target]).sum()) - 1
    return 1 + better + tied / 2


def test_filtered_ranks_match_a_direct_loop():
    g = torch.Generator().manual_seed(0)
    num_e, num_r = 30, 4
    known = torch.randint(0, num_e, (200, 3), generator=g)
    known[:, 1] %= num_r
    known = torch.unique(known, dim=0)
    evaluated = known[:40]
    # Integer scores make ties frequent, so the tie rule is exercised too.
    head_scores = torch.randint(0, 5, (40, num_e), generator=g).float()
    tail_scores = torch.randint(0, 5, (40, num_e), generator=g).float()
    metric = LinkPredictionMetric(topk=(1, 3, 10))
    metric.dataset_meta = dict(num_entities=num_e, num_relations=num_r, known_triples=known.numpy())
    samples = [
        dict(triple=evaluated[i], head_scores=head_scores[i], tail_scores=tail_scores[i])
        for i in range(40)
    ]
    metric.process(None, samples[:17])
    metric.process(None, samples[17:])
    got = metric.compute_metrics(metric.results)
    known_set = {tuple(t) for t in known.tolist()}
    ranks = []
    for i, (h, r, t) in enumerate(evaluated.tolist()):
        heads = [e for e in range(num_e) if (e, r, t) in known_set]
        tails = [e for e in range(num_e) if (h, r, e) in known_set]
        ranks += [_direct_rank(head_scores[i], h, heads), _direct_rank(tail_scores[i], t, tails)]
    ranks = np.asarray(ranks)
    assert abs(got['mrr'] - np.mean(1 / ranks)) < 1e-9
    assert abs(got['mr'] - ranks.mean()) < 1e-9
    for k in (1, 3, 10):
        assert got[f'hits@{k}'] == np.mean(ranks <= k)
    # Filtering matters here: the raw ranks differ.
    raw = LinkPredictionMetric(filtered=False)
    raw.dataset_meta = metric.dataset_meta
    raw.process(None, samples)
    assert raw.compute_metrics(raw.results)['mr'] > got['mr']


def test_constant_scores_get_the_mean_rank():
    metric = LinkPredictionMetric(filtered=False)
    metric.dataset_meta = dict(num_entities=11, num_relations=1)
    metric.process(
        None,
        [
            dict(
                triple=torch.tensor([0, 0, 1]),
                head_scores=torch.zeros(11),
                tail_scores=torch.zeros(11),
            )
        ],
    )
    assert metric.compute_metrics(metric.results)['mr'] == 6.0
