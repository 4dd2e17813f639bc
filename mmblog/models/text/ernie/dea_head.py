"""ERNIE's denoising entity auto-encoder (dEA) head."""

import torch
import torch.nn as nn
import torch.nn.functional as F

from mmblog.registry import MODELS


@MODELS.register_module()
class DEAHead(nn.Module):
    """Predict the entity aligned to a token among candidate entities.

    ``p(e_j | w_i) = softmax_j(linear(w_i) . e_j)`` over the candidates, which are the distinct
    entities of the batch (thunlp/ERNIE's choice; the paper speaks of the sequence's entities).

    Args:
        hidden_size: Token width.
        entity_size: Entity width.
    """

    def __init__(self, hidden_size: int, entity_size: int):
        super().__init__()
        self.proj = nn.Linear(hidden_size, entity_size)

    def loss(
        self, token_hidden: torch.Tensor, ent_labels: torch.Tensor, entity_table: torch.Tensor
    ) -> dict:
        """token_hidden (B, L, C); ent_labels (B, L) 0-based entity ids, -100 where none;
        entity_table (num_entities + 1, E) with row 0 = none. Returns ``loss_dea`` and
        ``acc_dea`` (top-1 among the candidates)."""
        where = ent_labels >= 0
        if not bool(where.any()):
            zero = token_hidden.sum() * 0
            return dict(loss_dea=zero, acc_dea=zero.detach())
        labels = ent_labels[where]
        candidates, target = torch.unique(labels, return_inverse=True)
        logits = self.proj(token_hidden[where]) @ entity_table[candidates + 1].t()
        return dict(
            loss_dea=F.cross_entropy(logits, target),
            acc_dea=(logits.argmax(-1) == target).float().mean().detach(),
        )
