"""Smooth-L1 box regression loss, summed then divided by ``avg_factor``."""

import torch
import torch.nn as nn
import torch.nn.functional as F

from mmblog.registry import MODELS

from .l1_loss import reduce_loss


@MODELS.register_module()
class SmoothL1Loss(nn.Module):
    """Huber-style loss with transition point ``beta`` (torchvision's R-CNN uses 1/9)."""

    def __init__(self, beta: float = 1.0, loss_weight: float = 1.0):
        super().__init__()
        self.beta = beta
        self.loss_weight = loss_weight

    def forward(self, pred, target, avg_factor: float | None = None) -> torch.Tensor:
        loss = F.smooth_l1_loss(pred, target, beta=self.beta, reduction='none')
        return self.loss_weight * reduce_loss(loss, avg_factor)
