"""Softmax cross-entropy, optionally with label smoothing; sigmoid (binary) variant."""

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
        use_sigmoid: Binary cross-entropy on logits with float 0/1 targets of the same shape
            (an RPN's objectness).
        use_mask: Same as ``use_sigmoid`` (MMDetection's name for a mask head's loss).
    """

    def __init__(
        self,
        loss_weight: float = 1.0,
        label_smoothing: float = 0.0,
        use_sigmoid: bool = False,
        use_mask: bool = False,
    ):
        super().__init__()
        self.use_sigmoid = use_sigmoid or use_mask
        if not 0.0 <= label_smoothing < 1.0:
            raise ValueError(f'label_smoothing must be in [0, 1), got {label_smoothing}')
        self.loss_weight = loss_weight
        self.label_smoothing = label_smoothing

    def forward(self, logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        if self.use_sigmoid:
            loss = F.binary_cross_entropy_with_logits(logits, target.to(logits.dtype))
        else:
            loss = F.cross_entropy(logits, target, label_smoothing=self.label_smoothing)
        return self.loss_weight * loss
