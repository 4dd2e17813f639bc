"""VGG-11/13/16/19 (Simonyan & Zisserman 2014), with or without batch normalisation."""

import torch
import torch.nn as nn
from mmengine.model import BaseModule

from mmblog.registry import MODELS

from ..layers import build_norm2d, kaiming_conv_init_cfg


@MODELS.register_module()
class VGG(BaseModule):
    """VGG trunk of 3x3 convolutions in five stages, each ended by 2x2 max-pooling.

    Returns ``(feature_map,)``, average-pooled to ``pool_size`` (7x7 at 224x224, so an identity
    there, as in torchvision). The three FC layers live in ``StackedLinearClsHead``.

    Args:
        depth: 11, 13, 16 or 19.
        in_channels: Input image channels.
        channels: Widths of the five stages (64, 128, 256, 512, 512); smaller for CPU demos.
        norm_cfg: ``dict(type='BN')`` for VGG-BN, ``None`` for the original.
        pool_size: Output size of the final adaptive average pool.
    """

    arch_settings = {
        11: (1, 1, 2, 2, 2),
        13: (2, 2, 2, 2, 2),
        16: (2, 2, 3, 3, 3),
        19: (2, 2, 4, 4, 4),
    }

    def __init__(
        self,
        depth: int = 16,
        in_channels: int = 3,
        channels: tuple = (64, 128, 256, 512, 512),
        norm_cfg: dict | None = None,
        pool_size: int = 7,
        init_cfg: dict | list | None = None,
    ):
        super().__init__(init_cfg=init_cfg or kaiming_conv_init_cfg())
        if depth not in self.arch_settings:
            raise KeyError(f'invalid depth {depth} for VGG; choose from {list(self.arch_settings)}')
        if len(channels) != 5:
            raise ValueError(f'channels must have 5 entries, got {channels}')
        layers, prev = [], in_channels
        for num_convs, out in zip(self.arch_settings[depth], channels):
            for _ in range(num_convs):
                layers.append(nn.Conv2d(prev, out, 3, padding=1))
                if norm_cfg is not None:
                    layers.append(build_norm2d(norm_cfg, out))
                layers.append(nn.ReLU(inplace=True))
                prev = out
            layers.append(nn.MaxPool2d(2, 2))
        self.features = nn.Sequential(*layers)
        self.avgpool = nn.AdaptiveAvgPool2d(pool_size)
        self.out_channels = prev

    def forward(self, x: torch.Tensor) -> tuple:
        return (self.avgpool(self.features(x)),)
