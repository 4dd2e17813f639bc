"""HERO's video embedder: 2D+3D frame features -> FC -> + position -> LayerNorm."""

import torch
from torch import nn

from mmblog.registry import MODELS


@MODELS.register_module()
class FrameEmbeddings(nn.Module):
    """``LN(FC(features) + P[position] (+ mask embedding on masked frames))``, then dropout.

    Args:
        feat_dim: Frame feature size (HERO: 2048 ResNet + 2304 SlowFast = 4352).
        embed_dims: Hidden size.
        max_positions: Position slots (HERO keeps at most 100 frames).
        dropout: Dropout after the LayerNorm.
    """

    def __init__(
        self,
        feat_dim: int,
        embed_dims: int,
        max_positions: int = 100,
        dropout: float = 0.1,
        layer_norm_eps: float = 1e-12,
    ) -> None:
        super().__init__()
        self.fc = nn.Linear(feat_dim, embed_dims)
        self.position_embeddings = nn.Embedding(max_positions, embed_dims)
        self.mask_embedding = nn.Parameter(torch.zeros(embed_dims))
        self.LayerNorm = nn.LayerNorm(embed_dims, eps=layer_norm_eps)  # noqa: N815
        self.dropout = nn.Dropout(dropout)

    def forward(
        self, feats: torch.Tensor, position_ids: torch.Tensor, masked: torch.Tensor | None = None
    ) -> torch.Tensor:
        """feats (..., feat_dim), position_ids (...), masked (...) bool -> (..., embed_dims)."""
        x = self.fc(feats) + self.position_embeddings(position_ids)
        if masked is not None:
            x = x + masked[..., None].to(x.dtype) * self.mask_embedding
        return self.dropout(self.LayerNorm(x))
