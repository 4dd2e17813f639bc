"""Softmax cross-entropy, optionally with label smoothing."""

import torch
import torch.nn as nn
import torch.nn.functional as F

from mmblog.registry import MODELS


@MODELS.register_module()
class CrossEntropyLoss(nn.Module):
    """``-mean_i sum_c y_ic log softmax(z_i)_c``; the cost of the seed's softmax regression.

    Args:
        loss_weight: Multiplier of the loss.
        label_smoothing: Mass spread uniformly over all classes (Inception v3's 0.1).
    """

    def __init__(self, loss_weight: float = 1.0, label_smoothing: float = 0.0):
        super().__init__()
        if not 0.0 <= label_smoothing < 1.0:
            raise ValueError(f'label_smoothing must be in [0, 1), got {label_smoothing}')
        self.loss_weight = loss_weight
        self.label_smoothing = label_smoothing

    def forward(self, logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        loss = F.cross_entropy(logits, target, label_smoothing=self.label_smoothing)
        return self.loss_weight * loss
