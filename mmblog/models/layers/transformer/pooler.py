"""BERT's pooler: dense + tanh on the first ([CLS]) token."""

import torch
import torch.nn as nn

from mmblog.registry import MODELS


@MODELS.register_module()
class Pooler(nn.Module):
    """``tanh(dense(hidden[:, 0]))`` (BERT's ``pooler.dense``).

    Examples:
        >>> Pooler(16)(torch.randn(2, 5, 16)).shape
        torch.Size([2, 16])
    """

    def __init__(self, embed_dims: int):
        super().__init__()
        self.dense = nn.Linear(embed_dims, embed_dims)
        self.activation = nn.Tanh()

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        return self.activation(self.dense(hidden[:, 0]))
