"""Inception v2 = BN-Inception (Ioffe & Szegedy 2015, "Batch Normalization", figure 5).

What this builds is the network of the BN paper's architecture table, which is what TF-slim and
most code call "Inception v2": GoogLeNet with BN after every convolution, every 5x5 convolution
factorised into two stacked 3x3 convolutions (the "double 3x3" branch, the factorisation seed 004
describes), a third 28x28 module, average pooling inside most modules, and grid reduction inside
the modules (3c, 4e: stride-2 convolutions beside a stride-2 max-pool pass-through) instead of a
max-pool between stages. The "Rethinking" paper (Szegedy et al. 2016) later uses the name
"Inception-v2" for its table-1 network, which is Inception v3 without its training extras; that
network is :class:`InceptionV3` here.

The table lists 576 output channels for 4c and 4d, but their branch widths add up to 608 (160 +
160 + 160 + 128 and 96 + 192 + 192 + 128); the released models use the branch widths (608), and so
does this module.
"""

import torch
import torch.nn as nn
from mmengine.model import BaseModule

from mmblog.registry import MODELS

from ..layers import BasicConv2d

BN = dict(type='BN', eps=1e-3)


def conv(in_channels: int, out_channels: int, kernel_size: int, stride: int = 1) -> BasicConv2d:
    return BasicConv2d(
        in_channels, out_channels, kernel_size, stride, kernel_size // 2, norm_cfg=BN
    )


class BNInceptionModule(nn.Module):
    """1x1 | 1x1->3x3 | 1x1->3x3->3x3 | pool(->1x1 proj), concatenated.

    With ``stride=2`` (grid reduction, modules 3c and 4e) the 1x1 branch is absent, the last conv
    of both 3x3 branches has stride 2 and the max-pool output passes through without projection.
    """

    def __init__(
        self,
        in_channels: int,
        ch1x1: int,
        ch3x3red: int,
        ch3x3: int,
        dbl_red: int,
        dbl: int,
        pool: str,
        pool_proj: int,
        stride: int = 1,
    ):
        super().__init__()
        self.branch1x1 = conv(in_channels, ch1x1, 1) if ch1x1 else None
        self.branch3x3 = nn.Sequential(
            conv(in_channels, ch3x3red, 1), conv(ch3x3red, ch3x3, 3, stride)
        )
        self.branch3x3dbl = nn.Sequential(
            conv(in_channels, dbl_red, 1), conv(dbl_red, dbl, 3), conv(dbl, dbl, 3, stride)
        )
        pool_layer = nn.AvgPool2d(3, stride, 1) if pool == 'avg' else nn.MaxPool2d(3, stride, 1)
        proj = [conv(in_channels, pool_proj, 1)] if pool_proj else []
        self.branch_pool = nn.Sequential(pool_layer, *proj)
        self.out_channels = ch1x1 + ch3x3 + dbl + (pool_proj or in_channels)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        outs = [] if self.branch1x1 is None else [self.branch1x1(x)]
        outs += [self.branch3x3(x), self.branch3x3dbl(x), self.branch_pool(x)]
        return torch.cat(outs, 1)


@MODELS.register_module()
class InceptionV2(BaseModule):
    """BN-Inception trunk (224x224 -> 1024x7x7), see the module docstring.

    Args:
        in_channels: Input image channels.
        width_mult: Scale every width (1.0 = paper; smaller for CPU demos).
    """

    # name: (#1x1, #3x3 reduce, #3x3, double #3x3 reduce, double #3x3, pool, pool proj, stride)
    # -- the columns of the BN paper's figure 5; proj 0 = pass-through.
    arch_settings = [
        ('3a', 64, 64, 64, 64, 96, 'avg', 32, 1),
        ('3b', 64, 64, 96, 64, 96, 'avg', 64, 1),
        ('3c', 0, 128, 160, 64, 96, 'max', 0, 2),
        ('4a', 224, 64, 96, 96, 128, 'avg', 128, 1),
        ('4b', 192, 96, 128, 96, 128, 'avg', 128, 1),
        ('4c', 160, 128, 160, 128, 160, 'avg', 128, 1),
        ('4d', 96, 128, 192, 160, 192, 'avg', 128, 1),
        ('4e', 0, 128, 192, 192, 256, 'max', 0, 2),
        ('5a', 352, 192, 320, 160, 224, 'avg', 128, 1),
        ('5b', 352, 192, 320, 192, 224, 'max', 128, 1),
    ]

    def __init__(
        self, in_channels: int = 3, width_mult: float = 1.0, init_cfg: dict | list | None = None
    ):
        super().__init__(
            init_cfg=init_cfg
            or [
                dict(type='Kaiming', layer='Conv2d', mode='fan_in', nonlinearity='relu'),
                dict(type='Constant', layer='BatchNorm2d', val=1, bias=0),
            ]
        )

        def w(c: int) -> int:
            return max(1, int(round(c * width_mult))) if c else 0

        self.stem = nn.Sequential(
            conv(in_channels, w(64), 7, 2),
            nn.MaxPool2d(3, 2, 1),
            conv(w(64), w(64), 1),
            conv(w(64), w(192), 3),
            nn.MaxPool2d(3, 2, 1),
        )
        prev = w(192)
        for name, *widths, pool, proj, stride in self.arch_settings:
            block = BNInceptionModule(prev, *[w(c) for c in widths], pool, w(proj), stride)
            self.add_module(f'inception_{name}', block)
            prev = block.out_channels
        self.out_channels = prev

    def forward(self, x: torch.Tensor) -> tuple:
        x = self.stem(x)
        for name, *_ in self.arch_settings:
            x = getattr(self, f'inception_{name}')(x)
        return (x,)
