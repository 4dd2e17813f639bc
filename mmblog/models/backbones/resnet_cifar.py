"""The CIFAR-10 ResNet-20/32/44/56/110 of He et al. 2016 section 4.2 and the TensorFlow
``cifar10_estimator`` tutorial (``ResNetCifar10`` with ``_residual_v1``).

Three stages of ``n = (depth - 2) / 6`` basic blocks with 16/32/64 channels on 32x32 inputs.
The blocks are the shared ``BasicBlock`` of ``resnet.py``; only the stem and the shortcut differ:
the tutorial's (and the paper's option A) parameter-free shortcut average-pools by the stride and
zero-pads the new channels.
"""

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmengine.model import BaseModule

from mmblog.registry import MODELS

from ..layers import build_norm2d, kaiming_conv_init_cfg
from .resnet import BasicBlock


class PadShortcut(nn.Module):
    """Option A: ``avg_pool(stride)`` then zero-pad channels evenly on both sides."""

    def __init__(self, in_channels: int, out_channels: int, stride: int):
        super().__init__()
        self.stride = stride
        self.pad = out_channels - in_channels

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.stride > 1:
            x = F.avg_pool2d(x, self.stride, self.stride)
        half = self.pad // 2
        return F.pad(x, (0, 0, 0, 0, half, self.pad - half))


@MODELS.register_module()
class ResNetCIFAR(BaseModule):
    """CIFAR ResNet returning ``(last_stage_map,)`` (64 x 8 x 8 at 32x32 input).

    Args:
        depth: 6n + 2: 20, 32, 44, 56, 110 (any 6n+2 works).
        in_channels: Input image channels.
        base_channels: Width of the first stage (16); stages double it.
        shortcut: ``'A'`` (pad, parameter-free, the tutorial's) or ``'B'`` (1x1 conv + BN).
        norm_cfg: Normalisation config of the shared ``build_norm2d`` (mmcv) helper.
    """

    def __init__(
        self,
        depth: int = 20,
        in_channels: int = 3,
        base_channels: int = 16,
        shortcut: str = 'A',
        norm_cfg: dict | None = None,
        init_cfg: dict | list | None = None,
    ):
        super().__init__(init_cfg=init_cfg or kaiming_conv_init_cfg('_BatchNorm'))
        if depth < 8 or (depth - 2) % 6:
            raise ValueError(f'CIFAR ResNet depth must be 6n+2 (20, 32, 44, 56, 110), got {depth}')
        if shortcut not in ('A', 'B'):
            raise ValueError(f"shortcut must be 'A' or 'B', got {shortcut!r}")
        norm_cfg = norm_cfg or dict(type='BN')
        n = (depth - 2) // 6
        self.depth = depth
        self.conv1 = nn.Conv2d(in_channels, base_channels, 3, 1, 1, bias=False)
        self.bn1 = build_norm2d(norm_cfg, base_channels)
        self.relu = nn.ReLU(inplace=True)
        prev = base_channels
        for i in range(3):
            planes, stride = base_channels * 2**i, (1 if i == 0 else 2)
            blocks = []
            for j in range(n):
                s = stride if j == 0 else 1
                down = None
                if s != 1 or prev != planes:
                    down = (
                        PadShortcut(prev, planes, s)
                        if shortcut == 'A'
                        else nn.Sequential(
                            nn.Conv2d(prev, planes, 1, s, bias=False),
                            build_norm2d(norm_cfg, planes),
                        )
                    )
                blocks.append(BasicBlock(prev, planes, s, down, norm_cfg=norm_cfg))
                prev = planes
            self.add_module(f'layer{i + 1}', nn.Sequential(*blocks))
        self.out_channels = prev

    def forward(self, x: torch.Tensor) -> tuple:
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.layer3(self.layer2(self.layer1(x)))
        return (x,)
