"""TransE (Bordes et al., 2013): a relation is a translation, h + r ~ t."""

import torch
import torch.nn.functional as F
from torch import nn

from mmblog.registry import MODELS

from .base_kge_model import BaseKGEModel


@MODELS.register_module()
class TransE(BaseKGEModel):
    """TransE with margin ranking against corrupted triples, as OpenKE trains it.

    Distance ``d(h, r, t) = || h + r - t ||_p``; the score is ``-d``. The loss is
    ``mean(max(0, margin + d(pos) - d(neg)))`` over every (positive, negative) pair.

    Args:
        num_entities / num_relations: Vocabulary sizes (``entity2id``/``relation2id`` lengths).
        embed_dim: Embedding size (200 in OpenKE's FB15k-237 example, 100 for ERNIE's kg_embed).
        p_norm: 1 (L1) or 2 (L2) distance.
        margin: Ranking margin gamma (5.0 in OpenKE's FB15k-237 example).
        normalize: L2-normalise h, r and t before the distance, as OpenKE's ``norm_flag`` (the
            paper's unit-norm entity constraint, kept exact at every step instead of projecting).
    """

    def __init__(
        self,
        num_entities: int,
        num_relations: int,
        embed_dim: int = 200,
        p_norm: int = 1,
        margin: float = 5.0,
        normalize: bool = True,
        data_preprocessor: dict | None = None,
        init_cfg: dict | None = None,
    ):
        super().__init__(
            data_preprocessor=data_preprocessor or dict(type='BaseDataPreprocessor'),
            init_cfg=init_cfg,
        )
        if p_norm not in (1, 2):
            raise ValueError(f'p_norm must be 1 or 2, got {p_norm}')
        self.num_entities, self.num_relations = num_entities, num_relations
        self.p_norm, self.margin, self.normalize = p_norm, float(margin), normalize
        self.ent_embeddings = nn.Embedding(num_entities, embed_dim)
        self.rel_embeddings = nn.Embedding(num_relations, embed_dim)
        # OpenKE's default init (no margin/epsilon given): Xavier-uniform on both tables.
        nn.init.xavier_uniform_(self.ent_embeddings.weight)
        nn.init.xavier_uniform_(self.rel_embeddings.weight)

    def _norm(self, x: torch.Tensor) -> torch.Tensor:
        return F.normalize(x, p=2, dim=-1) if self.normalize else x

    def entity_vectors(self) -> torch.Tensor:
        """The entity vectors the distance uses (normalised when ``normalize``): ``(E, dim)``."""
        return self._norm(self.ent_embeddings.weight)

    def relation_vectors(self) -> torch.Tensor:
        """The relation vectors the distance uses: ``(R, dim)``."""
        return self._norm(self.rel_embeddings.weight)

    def _check(self, triples: torch.Tensor) -> None:
        if triples.dtype != torch.long or triples.shape[-1] != 3:
            raise ValueError(
                f'triples must be int64 (..., 3), got {triples.dtype} {tuple(triples.shape)}'
            )

    def distance(self, triples: torch.Tensor) -> torch.Tensor:
        """``|| h + r - t ||_p`` for int64 triples of shape ``(..., 3)``."""
        self._check(triples)
        ents, rels = self.entity_vectors(), self.relation_vectors()
        flat = triples.reshape(-1, 3)
        h, r, t = (
            table.index_select(0, flat[:, i]) for i, table in ((0, ents), (1, rels), (2, ents))
        )
        dist = torch.linalg.vector_norm(h + r - t, ord=self.p_norm, dim=-1)
        return dist.view(triples.shape[:-1])

    def _forward(self, inputs: dict) -> torch.Tensor:
        return -self.distance(inputs['triples'])

    def corrupted_distance(self, triples: torch.Tensor, negatives: torch.Tensor):
        """Distances of the positives ``(B,)`` and of their corruptions ``(B, K)``.

        A corruption replaces the head or the tail, so its distance is ``|| a - e' ||`` with the
        anchor ``a = h + r`` (tail replaced) or ``a = t - r`` (head replaced) shared with the
        positive: one gather of the replacing entities instead of three per negative, and the
        normalisation runs once over the tables rather than per gathered row (same values).
        Negatives that change the relation or both entities take the general path.
        """
        self._check(triples)
        self._check(negatives)
        b, k, _ = negatives.shape
        head_changed = negatives[..., 0] != triples[:, None, 0]
        tail_changed = negatives[..., 2] != triples[:, None, 2]
        rel_changed = negatives[..., 1] != triples[:, None, 1]
        if bool((rel_changed | (head_changed & tail_changed)).any()):
            return self.distance(triples), self.distance(negatives)
        ents, rels = self.entity_vectors(), self.relation_vectors()
        h = ents.index_select(0, triples[:, 0])
        r = rels.index_select(0, triples[:, 1])
        t = ents.index_select(0, triples[:, 2])
        pos = torch.linalg.vector_norm(h + r - t, ord=self.p_norm, dim=-1)
        # Row 2i of ``anchors`` is h_i + r_i, row 2i + 1 is t_i - r_i; gathering rows (rather
        # than a broadcast torch.where) keeps every (B, K, dim) op a single pass over memory.
        anchors = torch.stack([h + r, t - r], dim=1).view(2 * b, -1)
        which = torch.arange(b, device=triples.device)[:, None] * 2 + head_changed.long()
        replaced = torch.where(head_changed, negatives[..., 0], negatives[..., 2])
        diff = anchors.index_select(0, which.view(-1)) - ents.index_select(0, replaced.view(-1))
        neg = torch.linalg.vector_norm(diff, ord=self.p_norm, dim=-1).view(b, k)
        return pos, neg

    def loss(self, inputs: dict) -> dict:
        if 'negatives' not in inputs:
            raise ValueError(
                'TransE.loss needs inputs["negatives"]: set neg_ratio > 0 in the dataset'
            )
        pos, neg = self.corrupted_distance(inputs['triples'], inputs['negatives'])
        return dict(loss_margin=F.relu(self.margin + pos[:, None] - neg).mean())

    @torch.no_grad()
    def predict(self, inputs: dict) -> list[dict]:
        triples = inputs['triples']
        self._check(triples)
        ents = self.entity_vectors()
        h = ents[triples[:, 0]]
        r = self.relation_vectors()[triples[:, 1]]
        t = ents[triples[:, 2]]
        # ||h + r - e|| for every e, and ||e + r - t|| = ||e - (t - r)||: one cdist each.
        tail_scores = -torch.cdist(h + r, ents, p=self.p_norm)
        head_scores = -torch.cdist(t - r, ents, p=self.p_norm)
        return [
            dict(triple=triples[i], head_scores=head_scores[i], tail_scores=tail_scores[i])
            for i in range(len(triples))
        ]
