"""Relative temporal encoding (HGT, Hu et al. 2020, eq. 5-6)."""

import math

import torch
import torch.nn as nn

from mmblog.registry import MODELS


def sinusoid_table(max_len: int, dim: int) -> torch.Tensor:
    """``Base(dT, 2i) = sin(dT / 10000^(2i/d))``, ``Base(dT, 2i+1) = cos(...)``, scaled by
    ``1/sqrt(d)`` as pyHGT does so the encoding starts small next to the node features."""
    position = torch.arange(max_len, dtype=torch.float32).unsqueeze(1)
    div = torch.exp(torch.arange(0, dim, 2, dtype=torch.float32) * -(math.log(10000.0) / dim))
    table = torch.zeros(max_len, dim)
    table[:, 0::2] = torch.sin(position * div) / math.sqrt(dim)
    table[:, 1::2] = torch.cos(position * div)[:, : dim // 2] / math.sqrt(dim)
    return table


@MODELS.register_module()
class RelTemporalEncoding(nn.Module):
    """``RTE(dT) = Linear(Base(dT))``; the caller adds it to the source node's representation.

    The sinusoid table is a fixed buffer (the paper's "fixed" basis; pyHGT sets
    ``requires_grad`` on the module rather than the weight, so its table actually trains -- we
    follow the paper). Only the linear layer learns.

    Args:
        dim: Representation size.
        max_len: Number of distinct ``dT + offset`` values (pyHGT: 240 with offset 120).
    """

    def __init__(self, dim: int, max_len: int = 240):
        super().__init__()
        self.max_len = max_len
        self.register_buffer('table', sinusoid_table(max_len, dim), persistent=False)
        self.lin = nn.Linear(dim, dim)

    def forward(self, delta_t: torch.Tensor) -> torch.Tensor:
        """``delta_t``: long tensor of ``T(t) - T(s) + offset`` in ``[0, max_len)``."""
        if delta_t.numel() and (int(delta_t.min()) < 0 or int(delta_t.max()) >= self.max_len):
            raise ValueError(
                f'relative time out of range [0, {self.max_len}): '
                f'min {int(delta_t.min())}, max {int(delta_t.max())} (raise max_len or clamp)'
            )
        return self.lin(self.table[delta_t])
