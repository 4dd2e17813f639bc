"""Auxiliary classifiers of GoogLeNet and Inception v3: trained with a weighted loss, never used
for prediction."""

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmengine.model import BaseModule

from mmblog.registry import MODELS
from mmblog.structures import ClsDataSample

from ..layers import BasicConv2d


class AuxHead(BaseModule):
    """Common part: picks ``feats[in_index]`` and returns ``{loss_name: weight * loss}``."""

    def __init__(
        self, num_classes: int, in_index: int, loss_weight: float, loss: dict | None, init_cfg
    ):
        super().__init__(init_cfg=init_cfg)
        self.num_classes = num_classes
        self.in_index = in_index
        self.loss_weight = loss_weight
        self.loss_module = MODELS.build(loss or dict(type='CrossEntropyLoss'))

    def loss(self, feats: tuple, data_samples: list[ClsDataSample]) -> dict:
        logits = self(feats)
        target = torch.cat([s.gt_label for s in data_samples]).to(logits.device)
        return dict(loss=self.loss_weight * self.loss_module(logits, target))


@MODELS.register_module()
class GoogLeNetAuxHead(AuxHead):
    """GoogLeNet's auxiliary classifier (paper section 5): 5x5/3 average pool (-> 4x4), 1x1 conv
    with 128 filters, FC 1024 + ReLU, dropout 0.7, linear classifier; loss weight 0.3.

    Args:
        in_channels: Channels of the tapped map (512 at 4a, 528 at 4d).
        in_index: Which backbone output to read.
        norm_cfg: ``None`` (paper) or ``dict(type='BN', eps=1e-3)`` (torchvision).
    """

    def __init__(
        self,
        num_classes: int,
        in_channels: int,
        in_index: int = 0,
        loss_weight: float = 0.3,
        norm_cfg: dict | None = None,
        dropout: float = 0.7,
        loss: dict | None = None,
        init_cfg=None,
    ):
        super().__init__(
            num_classes,
            in_index,
            loss_weight,
            loss,
            init_cfg or dict(type='TruncNormal', layer=['Conv2d', 'Linear'], std=0.01, a=-2, b=2),
        )
        self.conv = BasicConv2d(in_channels, 128, 1, norm_cfg=norm_cfg)
        self.fc1 = nn.Linear(128 * 4 * 4, 1024)
        self.dropout = nn.Dropout(dropout)
        self.fc2 = nn.Linear(1024, num_classes)

    def forward(self, feats) -> torch.Tensor:
        # Adaptive so a 14x14 map (224 input) and smaller demo maps both give 4x4.
        x = self.conv(F.adaptive_avg_pool2d(feats[self.in_index], 4))
        x = self.dropout(F.relu(self.fc1(x.flatten(1)), inplace=True))
        return self.fc2(x)


@MODELS.register_module()
class InceptionV3AuxHead(AuxHead):
    """Inception v3's auxiliary classifier on the 17x17x768 map: 5x5/3 average pool, 1x1 conv 128,
    5x5 conv 768 (BN after both), global pool, linear classifier (torchvision's ``InceptionAux``).
    """

    def __init__(
        self,
        num_classes: int,
        in_channels: int = 768,
        in_index: int = 0,
        loss_weight: float = 0.3,
        loss: dict | None = None,
        init_cfg=None,
    ):
        super().__init__(
            num_classes,
            in_index,
            loss_weight,
            loss,
            init_cfg or dict(type='TruncNormal', layer=['Conv2d', 'Linear'], std=0.01, a=-2, b=2),
        )
        bn = dict(type='BN', eps=1e-3)
        self.conv0 = BasicConv2d(in_channels, 128, 1, norm_cfg=bn)
        self.conv1 = BasicConv2d(128, 768, 5, norm_cfg=bn)
        self.fc = nn.Linear(768, num_classes)

    def forward(self, feats) -> torch.Tensor:
        x = feats[self.in_index]
        # 17x17 -> 5x5; smaller demo maps are pooled adaptively to the 5x5 the conv needs.
        x = F.avg_pool2d(x, 5, 3) if min(x.shape[-2:]) >= 17 else F.adaptive_avg_pool2d(x, 5)
        x = self.conv1(self.conv0(x))
        return self.fc(F.adaptive_avg_pool2d(x, 1).flatten(1))
