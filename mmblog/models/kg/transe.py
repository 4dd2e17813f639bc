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

    def _check(self, triples: torch.Tensor) -> None:
        if triples.dtype != torch.long or triples.shape[-1] != 3:
            raise ValueError(f'triples must be int64 (..., 3), got {triples.dtype} {tuple(triples.shape)}')

    def distance(self, triples: torch.Tensor) -> torch.Tensor:
        """``|| h + r - t ||_p`` for int64 triples of shape ``(..., 3)``."""
        self._check(triples)
        h = self._norm(self.ent_embeddings(triples[..., 0]))
        r = self._norm(self.rel_embeddings(triples[..., 1]))
        t = self._norm(self.ent_embeddings(triples[..., 2]))
        return torch.linalg.vector_norm(h + r - t, ord=self.p_norm, dim=-1)

    def _forward(self, inputs: dict) -> torch.Tensor:
        return -self.distance(inputs['triples'])

    def loss(self, inputs: dict) -> dict:
        if 'negatives' not in inputs:
            raise ValueError('TransE.loss needs inputs["negatives"]: set neg_ratio > 0 in the dataset')
        pos = self.distance(inputs['triples'])  # (B,)
        neg = self.distance(inputs['negatives'])  # (B, K)
        return dict(loss_margin=F.relu(self.margin + pos[:, None] - neg).mean())

    @torch.no_grad()
    def predict(self, inputs: dict) -> list[dict]:
        triples = inputs['triples']
        self._check(triples)
        ents = self.entity_vectors()
        h = ents[triples[:, 0]]
        r = self._norm(self.rel_embeddings(triples[:, 1]))
        t = ents[triples[:, 2]]
        # ||h + r - e|| for every e, and ||e + r - t|| = ||e - (t - r)||: one cdist each.
        tail_scores = -torch.cdist(h + r, ents, p=self.p_norm)
        head_scores = -torch.cdist(t - r, ents, p=self.p_norm)
        return [
            dict(triple=triples[i], head_scores=head_scores[i], tail_scores=tail_scores[i])
            for i in range(len(triples))
        ]
