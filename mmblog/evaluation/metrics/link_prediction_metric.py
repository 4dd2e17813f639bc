"""Filtered link-prediction ranking: MRR, MR and Hits@K over head and tail replacement."""

from collections.abc import Sequence

import numpy as np
import torch
from mmengine.evaluator import BaseMetric

from mmblog.registry import METRICS


def _known_ranges(sorted_keys: torch.Tensor, queries: torch.Tensor, num_entities: int):
    """Rows and entity columns of every known answer of each query, without a Python loop.

    ``sorted_keys`` are ``query * E + answer``; the answers of query ``q`` are the keys in
    ``[q E, (q + 1) E)``, found with two binary searches and expanded with repeat_interleave.
    """
    lo = torch.searchsorted(sorted_keys, queries * num_entities)
    hi = torch.searchsorted(sorted_keys, (queries + 1) * num_entities)
    counts = hi - lo
    rows = torch.repeat_interleave(torch.arange(len(queries)), counts)
    starts = torch.repeat_interleave(lo - torch.cumsum(counts, 0) + counts, counts)
    cols = sorted_keys[starts + torch.arange(len(rows))] % num_entities
    return rows, cols


def filtered_ranks(
    scores: torch.Tensor,
    targets: torch.Tensor,
    queries: torch.Tensor,
    sorted_keys: torch.Tensor | None,
    num_entities: int,
) -> torch.Tensor:
    """Rank of each target among all entities (higher score = better), other known answers
    removed. Ties count half: ``rank = 1 + #better + #tied / 2`` (a constant scorer gets the
    mean rank, not rank 1)."""
    scores = scores.float().clone()
    target_scores = scores.gather(1, targets[:, None])
    if sorted_keys is not None:
        rows, cols = _known_ranges(sorted_keys, queries, num_entities)
        scores[rows, cols] = float('-inf')
        # The target itself is a known answer; put its score back.
        scores.scatter_(1, targets[:, None], target_scores)
    better = (scores > target_scores).sum(1)
    tied = (scores == target_scores).sum(1) - 1
    return 1.0 + better.double() + tied.double() / 2


@METRICS.register_module()
class LinkPredictionMetric(BaseMetric):
    """Mean reciprocal rank, mean rank and Hits@K of the true head and the true tail.

    Each evaluation triple is ranked twice (head replaced, tail replaced) and all ranks are
    averaged, as OpenKE reports them. With ``filtered=True`` every triple known in any split
    (``dataset_meta['known_triples']``) except the one being ranked is removed first (Bordes et
    al., 2013's filtered setting). Predictions are ``dict(triple, head_scores, tail_scores)``.

    Args:
        topk: The K of Hits@K.
        filtered: Filtered (True) or raw (False) ranking.
    """

    default_prefix = 'kg'

    def __init__(
        self,
        topk: Sequence[int] = (1, 3, 10),
        filtered: bool = True,
        collect_device: str = 'cpu',
        prefix: str | None = None,
    ):
        super().__init__(collect_device=collect_device, prefix=prefix)
        self.topk, self.filtered = tuple(topk), filtered
        self._keys = None

    def _filter_keys(self, num_entities: int, num_relations: int):
        if self._keys is None:
            meta = self.dataset_meta or {}
            if 'known_triples' not in meta:
                raise ValueError(
                    'LinkPredictionMetric(filtered=True) needs dataset_meta["known_triples"]; '
                    'use a knowledge-graph dataset (OpenKEDataset, TSVTripleDataset)'
                )
            known = torch.as_tensor(np.asarray(meta['known_triples']), dtype=torch.long)
            h, r, t = known.unbind(1)
            tail_keys = (h * num_relations + r) * num_entities + t
            head_keys = (t * num_relations + r) * num_entities + h
            self._keys = dict(
                tail=torch.unique(tail_keys),
                head=torch.unique(head_keys),  # sorted, deduplicated
            )
        return self._keys

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        triples = torch.stack([s['triple'] for s in data_samples]).long().cpu()
        tail_scores = torch.stack([s['tail_scores'] for s in data_samples]).cpu()
        head_scores = torch.stack([s['head_scores'] for s in data_samples]).cpu()
        num_entities = tail_scores.shape[1]
        meta = self.dataset_meta or {}
        if meta.get('num_entities', num_entities) != num_entities:
            raise ValueError(
                f'the model scores {num_entities} entities but the dataset has '
                f'{meta["num_entities"]}: set the model num_entities to the entity2id size'
            )
        num_relations = int(meta.get('num_relations', int(triples[:, 1].max()) + 1))
        h, r, t = triples.unbind(1)
        keys = self._filter_keys(num_entities, num_relations) if self.filtered else None
        tail_ranks = filtered_ranks(
            tail_scores, t, h * num_relations + r, keys and keys['tail'], num_entities
        )
        head_ranks = filtered_ranks(
            head_scores, h, t * num_relations + r, keys and keys['head'], num_entities
        )
        self.results.append(torch.cat([head_ranks, tail_ranks]).numpy())

    def compute_metrics(self, results: list) -> dict:
        ranks = np.concatenate(results)
        out = dict(mrr=float(np.mean(1.0 / ranks)), mr=float(np.mean(ranks)))
        for k in self.topk:
            out[f'hits@{k}'] = float(np.mean(ranks <= k))
        return out
