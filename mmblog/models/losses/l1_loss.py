"""L1 box regression loss, summed then divided by ``avg_factor``."""

import torch
import torch.nn as nn

from mmblog.registry import MODELS


def reduce_loss(loss: torch.Tensor, avg_factor: float | None) -> torch.Tensor:
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
        return self.loss_weight * reduce_loss((pred - target).abs(), avg_factor)
