"""Multiple-choice video QA head (TVQA / How2QA)."""

import torch
from torch import nn

from mmblog.registry import MODELS


@MODELS.register_module()
class QAHead(nn.Module):
    """Score each (question + answer) query q_o against the video.

    The frames are pooled with attention ``softmax(V_temp q_o)``; the option's logit is an MLP
    of ``[q_o, pooled, q_o * pooled]``.
    """

    def __init__(self, embed_dims: int) -> None:
        super().__init__()
        self.mlp = nn.Sequential(
            nn.Linear(3 * embed_dims, embed_dims), nn.GELU(), nn.Linear(embed_dims, 1)
        )

    def forward(
        self, v_temp: torch.Tensor, frame_mask: torch.Tensor, q: torch.Tensor
    ) -> torch.Tensor:
        """v_temp (B, T, C), frame_mask (B, T), q (B, O, C) -> logits (B, O)."""
        att = torch.einsum('boc,btc->bot', q, v_temp) / q.shape[-1] ** 0.5
        att = att.masked_fill(~frame_mask[:, None], float('-inf')).softmax(-1)
        pooled = torch.einsum('bot,btc->boc', att, v_temp)
        return self.mlp(torch.cat([q, pooled, q * pooled], -1)).squeeze(-1)
