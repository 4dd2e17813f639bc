"""Inception v4 (Szegedy et al. 2017): stem, 4x Inception-A, Reduction-A, 7x Inception-B,
Reduction-B, 3x Inception-C (figures 3-9 of the paper; canonical input 299x299 -> 1536x8x8).

BN (eps 1e-3) follows every bias-free conv, as in the reference implementations.
"""

import torch
import torch.nn as nn
from mmengine.model import BaseModule

from mmblog.registry import MODELS

from ..layers import BasicConv2d, kaiming_conv_init_cfg

BN = dict(type='BN', eps=1e-3)


def conv(in_channels, out_channels, kernel_size, stride=1, padding=0):
    return BasicConv2d(in_channels, out_channels, kernel_size, stride, padding, norm_cfg=BN)


def seq(*convs):
    """A chain of ``conv`` calls given as argument tuples."""
    return nn.Sequential(*[conv(*c) for c in convs])


class Stem(nn.Module):
    """Figure 3: 299x299x3 -> 35x35x384."""

    def __init__(self, in_channels: int):
        super().__init__()
        self.conv = seq((in_channels, 32, 3, 2), (32, 32, 3), (32, 64, 3, 1, 1))
        self.pool1, self.conv1 = nn.MaxPool2d(3, 2), conv(64, 96, 3, 2)
        self.branch_a = seq((160, 64, 1), (64, 96, 3))
        self.branch_b = seq(
            (160, 64, 1), (64, 64, (1, 7), 1, (0, 3)), (64, 64, (7, 1), 1, (3, 0)), (64, 96, 3)
        )
        self.conv2, self.pool2 = conv(192, 192, 3, 2), nn.MaxPool2d(3, 2)

    def forward(self, x):
        x = self.conv(x)
        x = torch.cat([self.pool1(x), self.conv1(x)], 1)
        x = torch.cat([self.branch_a(x), self.branch_b(x)], 1)
        return torch.cat([self.conv2(x), self.pool2(x)], 1)


class Branches(nn.Module):
    """Run every branch on the same input and concatenate."""

    def __init__(self, *branches: nn.Module):
        super().__init__()
        self.branches = nn.ModuleList(branches)

    def forward(self, x):
        return torch.cat([b(x) for b in self.branches], 1)


def avgpool_proj(in_channels, out_channels):
    return nn.Sequential(
        nn.AvgPool2d(3, 1, 1, count_include_pad=False), conv(in_channels, out_channels, 1)
    )


def inception_a():
    """Figure 4 (35x35x384)."""
    return Branches(
        avgpool_proj(384, 96),
        conv(384, 96, 1),
        seq((384, 64, 1), (64, 96, 3, 1, 1)),
        seq((384, 64, 1), (64, 96, 3, 1, 1), (96, 96, 3, 1, 1)),
    )


def reduction_a(k=192, l=224, m=256, n=384):  # noqa: E741 (the paper's names)
    """Figure 7 with Inception-v4's k, l, m, n: 35 -> 17, 384 -> 1024 channels."""
    return Branches(
        nn.MaxPool2d(3, 2), conv(384, n, 3, 2), seq((384, k, 1), (k, l, 3, 1, 1), (l, m, 3, 2))
    )


def inception_b():
    """Figure 5 (17x17x1024)."""
    r17, c17 = ((1, 7), 1, (0, 3)), ((7, 1), 1, (3, 0))
    return Branches(
        avgpool_proj(1024, 128),
        conv(1024, 384, 1),
        seq((1024, 192, 1), (192, 224, *r17), (224, 256, *c17)),
        seq((1024, 192, 1), (192, 192, *c17), (192, 224, *r17), (224, 224, *c17), (224, 256, *r17)),
    )


def reduction_b():
    """Figure 8: 17 -> 8, 1024 -> 1536 channels."""
    return Branches(
        nn.MaxPool2d(3, 2),
        seq((1024, 192, 1), (192, 192, 3, 2)),
        seq(
            (1024, 256, 1),
            (256, 256, (1, 7), 1, (0, 3)),
            (256, 320, (7, 1), 1, (3, 0)),
            (320, 320, 3, 2),
        ),
    )


class InceptionC(nn.Module):
    """Figure 6 (8x8x1536): the 3x3 paths end in parallel 1x3 and 3x1 convs."""

    def __init__(self):
        super().__init__()
        self.pool_proj = avgpool_proj(1536, 256)
        self.branch1x1 = conv(1536, 256, 1)
        self.branch3_1 = conv(1536, 384, 1)
        self.branch3_2a = conv(384, 256, (1, 3), padding=(0, 1))
        self.branch3_2b = conv(384, 256, (3, 1), padding=(1, 0))
        self.branch5 = seq(
            (1536, 384, 1), (384, 448, (3, 1), 1, (1, 0)), (448, 512, (1, 3), 1, (0, 1))
        )
        self.branch5_a = conv(512, 256, (1, 3), padding=(0, 1))
        self.branch5_b = conv(512, 256, (3, 1), padding=(1, 0))

    def forward(self, x):
        b3 = self.branch3_1(x)
        b5 = self.branch5(x)
        return torch.cat(
            [
                self.pool_proj(x),
                self.branch1x1(x),
                self.branch3_2a(b3),
                self.branch3_2b(b3),
                self.branch5_a(b5),
                self.branch5_b(b5),
            ],
            1,
        )


@MODELS.register_module()
class InceptionV4(BaseModule):
    """Inception v4 trunk; returns ``(1536-channel 8x8 map,)`` at 299x299 input.

    Args:
        in_channels: Input image channels.
        num_blocks: Numbers of Inception-A/B/C blocks (4, 7, 3 in the paper).
    """

    def __init__(
        self,
        in_channels: int = 3,
        num_blocks: tuple = (4, 7, 3),
        init_cfg: dict | list | None = None,
    ):
        super().__init__(init_cfg=init_cfg or kaiming_conv_init_cfg())
        na, nb, nc = num_blocks
        self.features = nn.Sequential(
            Stem(in_channels),
            *[inception_a() for _ in range(na)],
            reduction_a(),
            *[inception_b() for _ in range(nb)],
            reduction_b(),
            *[InceptionC() for _ in range(nc)],
        )
        self.out_channels = 1536

    def forward(self, x: torch.Tensor) -> tuple:
        return (self.features(x),)
