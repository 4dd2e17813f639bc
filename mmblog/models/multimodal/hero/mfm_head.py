"""Masked frame modelling head: regress the frame feature (MFFR) or pick it (MNCE)."""

import torch
from torch import nn

from mmblog.registry import MODELS


@MODELS.register_module()
class MFMHead(nn.Module):
    """Linear -> GELU -> LayerNorm -> Linear to the feature size.

    MFFR: L2 regression of the masked frames' input features. MNCE: the prediction scores
    every candidate feature by dot product (temperature 1); the candidates are the masked
    frames' own features and the unmasked frames' features of the batch; the target is the
    masked frame's own.
    """

    def __init__(self, embed_dims: int, feat_dim: int) -> None:
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(embed_dims, embed_dims),
            nn.GELU(),
            nn.LayerNorm(embed_dims, eps=1e-12),
            nn.Linear(embed_dims, feat_dim),
        )

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        return self.net(hidden)
