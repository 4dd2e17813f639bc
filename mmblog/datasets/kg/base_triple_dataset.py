"""Shared part of the knowledge-graph triple datasets: corruption sampling and filter sets."""

from abc import ABC, abstractmethod

import numpy as np
import torch

from mmblog.registry import FUNCTIONS


def triple_keys(triples: np.ndarray, num_entities: int, num_relations: int, side: str):
    """Sortable int64 keys: ``((h R + r) E + t)`` for ``side='tail'``, ``((t R + r) E + h)``
    for ``side='head'``, so that all known answers of one query form one contiguous range."""
    h, r, t = (triples[:, i].astype(np.int64) for i in range(3))
    anchor, answer = (h, t) if side == 'tail' else (t, h)
    return (anchor * num_relations + r) * num_entities + answer


def bernoulli_head_prob(triples: np.ndarray, num_relations: int) -> np.ndarray:
    """Per relation, P(replace the head) = tph / (tph + hpt) (Wang et al., 2014, TransH).

    tph is the mean number of tails per (head, relation), hpt the mean number of heads per
    (relation, tail); 1-to-N relations then corrupt the head more often, which makes fewer false
    negatives. A relation absent from ``triples`` gets 0.5.
    """
    prob = np.full(num_relations, 0.5)
    r = triples[:, 1]
    n_per_rel = np.bincount(r, minlength=num_relations).astype(np.float64)
    heads = np.unique(triples[:, [0, 1]], axis=0)
    tails = np.unique(triples[:, [1, 2]], axis=0)
    n_heads = np.bincount(heads[:, 1], minlength=num_relations).astype(np.float64)
    n_tails = np.bincount(tails[:, 0], minlength=num_relations).astype(np.float64)
    seen = n_per_rel > 0
    tph = n_per_rel[seen] / n_heads[seen]
    hpt = n_per_rel[seen] / n_tails[seen]
    prob[seen] = tph / (tph + hpt)
    return prob


class BaseTripleDataset(torch.utils.data.Dataset, ABC):
    """Triples of one split, with corrupted negatives for training.

    Subclasses fill ``self.splits`` (``train``/``valid``/``test`` -> ``(N, 3)`` int64 ``(h, r,
    t)``), ``self.entity_names`` and ``self.relation_names`` in ``load()``.

    Items are ``dict(inputs=dict(triples=(3,), negatives=(K, 3)))`` while training (``neg_ratio
    = K > 0``) and ``dict(inputs=dict(triples=(3,)))`` for evaluation. Negatives are drawn for a
    whole batch at once (``__getitems__``, which torch's DataLoader calls with the batch's
    indices), so sampling costs a few numpy calls per batch, not a Python loop per triple.

    Args:
        data_root: Folder of the dataset.
        split: ``train``, ``valid`` or ``test``.
        neg_ratio: Corrupted triples per positive (0 for evaluation).
        corruption: ``bernoulli`` (TransH's per-relation head/tail choice) or ``uniform`` (50/50).
        filter_negatives: Redraw a corrupted triple that is a true training triple (OpenKE's
            ``filter_flag``), up to ``max_redraws`` times.
    """

    how_to_make = 'see the dataset README'

    def __init__(
        self,
        data_root: str,
        split: str = 'train',
        neg_ratio: int = 0,
        corruption: str = 'bernoulli',
        filter_negatives: bool = True,
        max_redraws: int = 10,
    ):
        if split not in ('train', 'valid', 'test'):
            raise ValueError(f"split must be 'train', 'valid' or 'test', got {split!r}")
        if corruption not in ('bernoulli', 'uniform'):
            raise ValueError(f"corruption must be 'bernoulli' or 'uniform', got {corruption!r}")
        self.data_root, self.split = data_root, split
        self.neg_ratio, self.corruption = int(neg_ratio), corruption
        self.filter_negatives, self.max_redraws = filter_negatives, max_redraws
        self.splits: dict[str, np.ndarray] = {}
        self.entity_names: list[str] = []
        self.relation_names: list[str] = []
        self.load()
        self.triples = self.splits[split]
        self.num_entities = len(self.entity_names)
        self.num_relations = len(self.relation_names)
        train = self.splits['train']
        if corruption == 'bernoulli':
            self.head_prob = bernoulli_head_prob(train, self.num_relations)
        else:
            self.head_prob = np.full(self.num_relations, 0.5)
        self._train_keys = np.sort(
            triple_keys(train, self.num_entities, self.num_relations, 'tail')
        )

    @abstractmethod
    def load(self) -> None:
        """Read the triples and id maps of ``self.data_root``."""

    @property
    def metainfo(self) -> dict:
        """Sizes and every known triple (all splits) for filtered ranking; no copy is made."""
        return dict(
            num_entities=self.num_entities,
            num_relations=self.num_relations,
            known_triples=np.concatenate(list(self.splits.values())),
            entity_names=self.entity_names,
            relation_names=self.relation_names,
        )

    def __len__(self) -> int:
        return len(self.triples)

    def __getitem__(self, idx: int) -> dict:
        return self.__getitems__([idx])[0]

    def corrupt(self, pos: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """``(B, 3)`` positives -> ``(B, K, 3)`` negatives with the head or the tail replaced."""
        b, k = len(pos), self.neg_ratio
        neg = np.repeat(pos[:, None, :], k, axis=1)
        replace_head = rng.random((b, k)) < self.head_prob[pos[:, 1]][:, None]
        todo = np.ones((b, k), dtype=bool)
        for _ in range(self.max_redraws + 1):
            draw = rng.integers(0, self.num_entities, size=int(todo.sum()))
            sel_head = replace_head[todo]
            sub = neg[todo]
            sub[sel_head, 0] = draw[sel_head]
            sub[~sel_head, 2] = draw[~sel_head]
            neg[todo] = sub
            if not self.filter_negatives:
                break
            keys = triple_keys(sub, self.num_entities, self.num_relations, 'tail')
            pos_in = np.searchsorted(self._train_keys, keys).clip(max=len(self._train_keys) - 1)
            clash = self._train_keys[pos_in] == keys
            if not clash.any():
                break
            rows = np.flatnonzero(todo.ravel())
            todo = np.zeros(b * k, dtype=bool)
            todo[rows[clash]] = True
            todo = todo.reshape(b, k)
        return neg

    def __getitems__(self, indices) -> list[dict]:
        pos = self.triples[np.asarray(indices, dtype=np.int64)]
        if self.neg_ratio <= 0:
            return [dict(inputs=dict(triples=p)) for p in pos]
        # A fresh numpy generator per batch seeded from torch, so mmengine's seed (and the
        # per-worker seeds torch gives DataLoader workers) make the negatives reproducible.
        rng = np.random.default_rng(int(torch.randint(0, 2**62, ()).item()))
        neg = self.corrupt(pos, rng)
        return [dict(inputs=dict(triples=p, negatives=n)) for p, n in zip(pos, neg)]


@FUNCTIONS.register_module()
def triple_collate(batch: list[dict]) -> dict:
    """Stack the triples (and negatives) of a batch into int64 tensors in one call each."""
    keys = batch[0]['inputs'].keys()
    return dict(
        inputs={k: torch.from_numpy(np.stack([item['inputs'][k] for item in batch])) for k in keys}
    )
