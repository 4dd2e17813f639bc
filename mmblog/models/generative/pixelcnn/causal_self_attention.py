"""Causal multi-head self-attention over a feature map in raster order (gated PixelCNN option)."""

import torch
from torch import nn


class CausalSelfAttention(nn.Module):
    """Pre-LayerNorm multi-head self-attention where position i sees positions <= i.

    The horizontal-stack features at position j depend only on codes before j, so letting i
    attend to j <= i keeps the model autoregressive.
    """

    def __init__(self, channels: int, num_heads: int, dropout: float):
        super().__init__()
        self.norm = nn.LayerNorm(channels)
        self.attn = nn.MultiheadAttention(channels, num_heads, dropout=dropout, batch_first=True)
        self.drop = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, c, h, w = x.shape
        seq = x.flatten(2).transpose(1, 2)
        mask = torch.ones(h * w, h * w, dtype=torch.bool, device=x.device).triu(1)
        q = self.norm(seq)
        out, _ = self.attn(q, q, q, attn_mask=mask, need_weights=False)
        seq = seq + self.drop(out)
        return seq.transpose(1, 2).reshape(b, c, h, w)
