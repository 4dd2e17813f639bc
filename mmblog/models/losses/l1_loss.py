"""L1 and smooth-L1 box regression losses, summed then divided by ``avg_factor``."""

import torch
import torch.nn as nn
import torch.nn.functional as F

from mmblog.registry import MODELS


def _reduce(loss: torch.Tensor, avg_factor: float | None) -> torch.Tensor:
    if avg_factor is None:
        return loss.mean() if loss.numel() else loss.sum()
    return loss.sum() / max(float(avg_factor), 1.0)


@MODELS.register_module()
class L1Loss(nn.Module):
    """``loss_weight * sum |pred - target| / avg_factor`` (mean when no ``avg_factor``)."""

    def __init__(self, loss_weight: float = 1.0):
        super().__init__()
        self.loss_weight = loss_weight

    def forward(self, pred, target, avg_factor: float | None = None) -> torch.Tensor:
        return self.loss_weight * _reduce((pred - target).abs(), avg_factor)


@MODELS.register_module()
class SmoothL1Loss(nn.Module):
    """Huber-style loss with transition point ``beta`` (torchvision's R-CNN uses 1/9)."""

    def __init__(self, beta: float = 1.0, loss_weight: float = 1.0):
        super().__init__()
        self.beta = beta
        self.loss_weight = loss_weight

    def forward(self, pred, target, avg_factor: float | None = None) -> torch.Tensor:
        loss = F.smooth_l1_loss(pred, target, beta=self.beta, reduction='none')
        return self.loss_weight * _reduce(loss, avg_factor)
