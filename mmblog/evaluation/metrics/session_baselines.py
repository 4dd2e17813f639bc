"""Trivial next-item rankings a session model must beat: popularity and last-item Markov."""

from collections.abc import Sequence

import torch

from .ranking_metric import hit_and_reciprocal_rank


def popularity_ranking(train_seqs: Sequence[Sequence[int]], num_items: int) -> torch.Tensor:
    """All items 1..num_items ranked by their click count in the training sessions."""
    counts = torch.zeros(num_items + 1)
    for s in train_seqs:
        counts.index_add_(0, torch.as_tensor(s), torch.ones(len(s)))
    counts[0] = -1  # never recommend the padding item
    return counts.argsort(descending=True, stable=True)[:num_items]


def markov_rankings(
    train_seqs: Sequence[Sequence[int]], last_items: torch.Tensor, num_items: int, k: int = 20
) -> torch.Tensor:
    """Top-k next items given only the last click: successors ranked by how often they follow
    it in the training sessions, the rest of the list filled by popularity.

    Returns:
        ``(len(last_items), k)`` ranked item lists.
    """
    pairs = [(a, b) for s in train_seqs for a, b in zip(s[:-1], s[1:])]
    src, dst = torch.tensor(pairs, dtype=torch.long).view(-1, 2).t()
    pop = popularity_ranking(train_seqs, num_items)
    # Popularity breaks ties (and fills rows with fewer than k successors): a score below 1.
    tie = torch.zeros(num_items + 1)
    tie[pop] = torch.linspace(0.5, 0.0, len(pop))
    tie[0] = -1
    rows, inverse = torch.unique(last_items, return_inverse=True)
    row_of = torch.full((num_items + 1,), -1, dtype=torch.long)
    row_of[rows] = torch.arange(len(rows))
    out = torch.empty(len(rows), k, dtype=torch.long)
    chunk = 1024  # dense count rows for a chunk of distinct last items: bounded memory
    for lo in range(0, len(rows), chunk):
        hi = min(lo + chunk, len(rows))
        r = row_of[src]
        sel = (r >= lo) & (r < hi)
        counts = tie.repeat(hi - lo, 1)
        counts.index_put_((r[sel] - lo, dst[sel]), torch.ones(int(sel.sum())), accumulate=True)
        out[lo:hi] = counts.topk(k, dim=1).indices
    return out[inverse]


def evaluate_baselines(
    train_seqs: Sequence[Sequence[int]],
    test_prefixes: Sequence[Sequence[int]],
    test_targets: Sequence[int],
    num_items: int,
    k: int = 20,
) -> dict:
    """P@k and MRR@k (percent) of the popularity and last-item Markov rankings on test pairs."""
    target = torch.as_tensor(test_targets)
    pop = popularity_ranking(train_seqs, num_items)[:k].expand(len(target), k)
    last = torch.as_tensor([p[-1] for p in test_prefixes])
    out = {}
    for name, ranks in (
        ('popularity', pop),
        ('markov', markov_rankings(train_seqs, last, num_items, k)),
    ):
        hit, rr = hit_and_reciprocal_rank(ranks, target, k)
        out[name] = {f'P@{k}': 100 * hit.mean().item(), f'MRR@{k}': 100 * rr.mean().item()}
    return out
