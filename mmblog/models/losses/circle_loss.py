"""Circle loss (Sun et al., CVPR 2020) over per-anchor positive and negative similarities."""

import torch
import torch.nn.functional as F
from torch import nn

from mmblog.registry import MODELS


@MODELS.register_module()
class CircleLoss(nn.Module):
    """``softplus(lse_j(g a_n^j (s_n^j - m)) + lse_i(-g a_p^i (s_p^i - 1 + m)))`` per anchor.

    The weights ``a_p = relu(1 + m - s_p)`` and ``a_n = relu(s_n + m)`` are detached (the paper
    treats them as constants), so the gradient flows only through the similarities. The
    similarities are expected in [0, 1] (cosine or a sigmoid matching score).

    An anchor without any positive or without any negative has loss 0 (the sum of exponentials
    over an empty set is 0 and softplus(-inf) = 0); the mean runs over the anchors that have
    both, and is 0 (still attached to the graph) when none has.

    Args:
        margin: Relaxation m (paper: 0.25; ERNIE-ViL's Flickr30K retrieval: 0.3).
        gamma: Scale (paper: 256 for face recognition, 32-128 elsewhere; ERNIE-ViL: 32).
        loss_weight: Scale of the loss.
    """

    def __init__(
        self, margin: float = 0.25, gamma: float = 256.0, loss_weight: float = 1.0
    ) -> None:
        super().__init__()
        self.margin = margin
        self.gamma = gamma
        self.loss_weight = loss_weight

    def forward(
        self,
        pos: torch.Tensor,
        neg: torch.Tensor,
        pos_mask: torch.Tensor | None = None,
        neg_mask: torch.Tensor | None = None,
    ) -> torch.Tensor:
        """pos (A, P) and neg (A, N) similarities of A anchors; masks mark the real entries."""
        if pos.dim() != 2 or neg.dim() != 2 or pos.shape[0] != neg.shape[0]:
            raise ValueError(
                f'CircleLoss expects pos (A, P) and neg (A, N) with the same A, got '
                f'{tuple(pos.shape)} and {tuple(neg.shape)}'
            )
        m, g = self.margin, self.gamma
        pos_mask = torch.ones_like(pos, dtype=torch.bool) if pos_mask is None else pos_mask.bool()
        neg_mask = torch.ones_like(neg, dtype=torch.bool) if neg_mask is None else neg_mask.bool()
        valid = pos_mask.any(1) & neg_mask.any(1)
        a_p = F.relu(1 + m - pos).detach()
        a_n = F.relu(neg + m).detach()
        logit_p = -g * a_p * (pos - (1 - m))
        logit_n = g * a_n * (neg - m)
        # Masked entries are -inf (exp = 0); anchors lacking one side get finite dummies so
        # that logsumexp's backward does not produce NaN, and are dropped below.
        inf = torch.tensor(float('-inf'), dtype=pos.dtype, device=pos.device)
        logit_p = torch.where(valid[:, None], torch.where(pos_mask, logit_p, inf), 0.0)
        logit_n = torch.where(valid[:, None], torch.where(neg_mask, logit_n, inf), 0.0)
        per_anchor = F.softplus(torch.logsumexp(logit_n, 1) + torch.logsumexp(logit_p, 1))
        per_anchor = torch.where(valid, per_anchor, 0.0)
        loss = per_anchor.sum() / valid.sum().clamp(min=1)
        return self.loss_weight * loss
