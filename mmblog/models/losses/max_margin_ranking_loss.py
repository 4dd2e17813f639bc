"""Bidirectional max-margin ranking loss of HowTo100M, with intra-video negative weighting."""

import torch
import torch.nn.functional as F
from torch import nn

from mmblog.registry import MODELS


def intra_video_weights(video_index: torch.Tensor, hard_negative_rate: float) -> torch.Tensor:
    """Pair weights that give same-video pairs ``hard_negative_rate`` of each row's total.

    For a batch of V videos x C clips this is the reference's mask
    ``kron((1 - a) I + a, ones(C, C)) * V * h`` with ``a = (1 - h) / ((V - 1) h)``: a same-video
    pair weighs ``h N / n_same``, another pair ``(1 - h) N / n_other`` (N clips in the batch),
    so the weights average to one.
    """
    same = video_index[:, None] == video_index[None, :]
    n = video_index.numel()
    n_same = same.sum(1, keepdim=True).float()
    n_other = (n - n_same).clamp(min=1)
    w_same = hard_negative_rate * n / n_same
    w_other = (1 - hard_negative_rate) * n / n_other
    return torch.where(same, w_same, w_other)


@MODELS.register_module()
class MaxMarginRankingLoss(nn.Module):
    """``mean_ij relu(delta + s_ij - s_ii) + relu(delta + s_ji - s_ii)`` over all B^2 pairs.

    Args:
        margin: delta (HowTo100M: 0.1).
        hard_negative_rate: With ``video_index`` given and clips sharing videos, weight pairs so
            that same-video (intra-video) negatives carry this share (reference: 0.5).
            None: plain mean.
        loss_weight: Scale of the loss.
    """

    def __init__(
        self, margin: float = 0.1, hard_negative_rate: float | None = 0.5, loss_weight: float = 1.0
    ) -> None:
        super().__init__()
        self.margin = margin
        self.hard_negative_rate = hard_negative_rate
        self.loss_weight = loss_weight

    def forward(
        self, similarity: torch.Tensor, video_index: torch.Tensor | None = None
    ) -> torch.Tensor:
        """similarity (B, B): text i vs video j; the diagonal holds the positive pairs."""
        diag = similarity.diagonal()
        loss = F.relu(self.margin + similarity - diag[:, None]) + F.relu(
            self.margin + similarity - diag[None, :]
        )
        if self.hard_negative_rate is not None and video_index is not None:
            n_same = (video_index[:, None] == video_index[None, :]).sum()
            if n_same > video_index.numel():  # some clips share a video
                loss = loss * intra_video_weights(video_index, self.hard_negative_rate)
        return self.loss_weight * loss.mean()
