"""Video-subtitle matching head (HERO, after XML): query encoder, local start/end, global."""

import torch
import torch.nn.functional as F
from torch import nn

from mmblog.models.layers.transformer import TransformerEncoderLayer
from mmblog.registry import MODELS


@MODELS.register_module()
class VSMHead(nn.Module):
    """Query vector q from the text-only cross-modal output, and its scores against V_temp.

    q = LN(Linear(ReLU(Linear(attention-pool(self-attention layer(W_cross)))))). Local:
    ``V_temp q / sqrt(C)`` through two 1-D conv filters -> start / end logits over frames. Global: the
    highest cosine similarity between q and a frame of the video.

    Args:
        embed_dims / num_heads: Transformer size.
        kernel_size: Width of the start / end conv filters.
        dropout: Dropout of the query encoder layer.
    """

    def __init__(
        self, embed_dims: int, num_heads: int, kernel_size: int = 5, dropout: float = 0.1
    ) -> None:
        super().__init__()
        self.query_encoder = TransformerEncoderLayer(
            embed_dims, num_heads, embed_dims * 4, dropout=dropout, attn_drop=dropout
        )
        self.pool = nn.Linear(embed_dims, 1)
        self.proj = nn.Sequential(
            nn.Linear(embed_dims, embed_dims),
            nn.ReLU(),
            nn.Linear(embed_dims, embed_dims),
            nn.LayerNorm(embed_dims),
        )
        self.conv_st = nn.Conv1d(1, 1, kernel_size, padding=kernel_size // 2)
        self.conv_ed = nn.Conv1d(1, 1, kernel_size, padding=kernel_size // 2)

    def query(self, w_cross: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """(B, L, C) text-only outputs and (B, L) mask -> (B, C)."""
        h = self.query_encoder(w_cross, attention_mask=mask)
        weights = self.pool(h).squeeze(-1).masked_fill(~mask, float('-inf')).softmax(-1)
        return self.proj((weights[..., None] * h).sum(1))

    def local_logits(
        self, v_temp: torch.Tensor, frame_mask: torch.Tensor, q: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Start / end logits (B, T), padding frames at -inf."""
        # Scaled by sqrt(C) so that start of training is not saturated (C-d unit-scale vectors).
        scores = torch.einsum('btc,bc->bt', v_temp, q)[:, None] / q.shape[-1] ** 0.5
        st = self.conv_st(scores).squeeze(1).masked_fill(~frame_mask, float('-inf'))
        ed = self.conv_ed(scores).squeeze(1).masked_fill(~frame_mask, float('-inf'))
        return st, ed

    @staticmethod
    def global_scores(
        v_temp: torch.Tensor, frame_mask: torch.Tensor, q: torch.Tensor
    ) -> torch.Tensor:
        """(Bq, Bv): max over frames of cos(q_i, frame of video j)."""
        cos = torch.einsum('qc,vtc->qvt', F.normalize(q, dim=-1), F.normalize(v_temp, dim=-1))
        return cos.masked_fill(~frame_mask[None], -2.0).max(-1).values

    @staticmethod
    def hinge(scores: torch.Tensor, margin: float = 0.1) -> torch.Tensor:
        """In-batch hinge: every other video for a query, every other query for a video."""
        pos = scores.diagonal()
        off = ~torch.eye(len(scores), dtype=torch.bool, device=scores.device)
        if not off.any():
            return scores.sum() * 0
        l_v = F.relu(margin + scores - pos[:, None])[off].mean()
        l_q = F.relu(margin + scores - pos[None, :])[off].mean()
        return l_v + l_q
