"""Gated embedding unit (Miech et al.): a linear map with context gating, L2-normalised."""

import torch
import torch.nn.functional as F
from torch import nn

from mmblog.registry import MODELS


@MODELS.register_module()
class GatedEmbeddingUnit(nn.Module):
    """``f(x) = normalize(y * sigmoid(W2 y + b2))`` with ``y = W1 x + b1``.

    Args:
        in_dim: Input size (video: 2D + 3D feature size; text: the text branch's size).
        out_dim: Embedding size d (post: 4096, reference default 2048).
        gating: Apply the context gate (the reference's default).
    """

    def __init__(self, in_dim: int, out_dim: int, gating: bool = True) -> None:
        super().__init__()
        self.fc = nn.Linear(in_dim, out_dim)
        self.gate = nn.Linear(out_dim, out_dim) if gating else None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.fc(x)
        if self.gate is not None:
            y = y * torch.sigmoid(self.gate(y))
        return F.normalize(y, dim=-1)
