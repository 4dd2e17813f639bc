"""Fully connected classifier with hidden layers: AlexNet's and VGG's FC6-FC7-FC8."""

import torch
import torch.nn as nn

from mmblog.registry import MODELS

from .linear_cls_head import LinearClsHead


@MODELS.register_module()
class StackedLinearClsHead(LinearClsHead):
    """Flatten -> [Linear -> ReLU -> Dropout] x len(mid_channels) -> Linear.

    Args:
        num_classes: Number of classes.
        in_channels: Size of the flattened input (256*6*6 for AlexNet, 512*7*7 for VGG).
        mid_channels: Hidden widths (4096, 4096 in both papers).
        dropout: Dropout after each hidden layer (0.5 in both papers).
        loss: Loss config.
        init_cfg: Defaults to Kaiming for the hidden ReLU layers (the papers' std-0.01 Gaussian
            shrinks the signal ~6x per layer at 256 units, so narrow variants barely start) and
            std 0.01 for the classifier, so the first logits are near zero.
    """

    def __init__(
        self,
        num_classes: int,
        in_channels: int,
        mid_channels=(4096, 4096),
        dropout: float = 0.5,
        loss: dict | None = None,
        init_cfg: dict | list | None = None,
    ):
        last = mid_channels[-1] if mid_channels else in_channels
        init_cfg = init_cfg or dict(
            type='Kaiming',
            layer='Linear',
            mode='fan_in',
            nonlinearity='relu',
            distribution='uniform',
            override=dict(type='Normal', name='fc', std=0.01),
        )
        super().__init__(num_classes, last, loss=loss, dropout=0.0, init_cfg=init_cfg)
        layers, prev = [], in_channels
        for width in mid_channels:
            layers += [nn.Linear(prev, width), nn.ReLU(inplace=True)]
            if dropout > 0:
                layers.append(nn.Dropout(dropout))
            prev = width
        self.hidden = nn.Sequential(*layers)

    def forward(self, feats) -> torch.Tensor:
        x = feats[-1] if isinstance(feats, (tuple, list)) else feats
        return self.fc(self.hidden(x.flatten(1)))
