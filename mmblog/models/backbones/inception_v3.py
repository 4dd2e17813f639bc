"""Inception v3 (Szegedy et al. 2016, "Rethinking the Inception Architecture").

Factorised convolutions (5x5 -> two 3x3, 7x7 -> 1x7 + 7x1), grid-size reduction blocks that run
a stride-2 conv branch beside a stride-2 pool, BN after every conv. Layer names and widths equal
torchvision's ``Inception3`` (canonical input 299x299), so parameter counts can be compared.
"""

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmengine.model import BaseModule

from mmblog.registry import MODELS

from ..layers import BasicConv2d

BN = dict(type='BN', eps=1e-3)


def conv(in_channels, out_channels, kernel_size, stride=1, padding=0):
    return BasicConv2d(in_channels, out_channels, kernel_size, stride, padding, norm_cfg=BN)


class InceptionA(nn.Module):
    """35x35 block: 1x1 | 1x1->5x5 | 1x1->3x3->3x3 | avgpool->1x1."""

    def __init__(self, in_channels: int, pool_features: int, w=int):
        super().__init__()
        self.branch1x1 = conv(in_channels, w(64), 1)
        self.branch5x5_1 = conv(in_channels, w(48), 1)
        self.branch5x5_2 = conv(w(48), w(64), 5, padding=2)
        self.branch3x3dbl_1 = conv(in_channels, w(64), 1)
        self.branch3x3dbl_2 = conv(w(64), w(96), 3, padding=1)
        self.branch3x3dbl_3 = conv(w(96), w(96), 3, padding=1)
        self.branch_pool = conv(in_channels, pool_features, 1)

    def forward(self, x):
        b1 = self.branch1x1(x)
        b5 = self.branch5x5_2(self.branch5x5_1(x))
        b3 = self.branch3x3dbl_3(self.branch3x3dbl_2(self.branch3x3dbl_1(x)))
        bp = self.branch_pool(F.avg_pool2d(x, 3, 1, 1))
        return torch.cat([b1, b5, b3, bp], 1)


class InceptionB(nn.Module):
    """Grid reduction 35 -> 17: stride-2 3x3 | 1x1->3x3->3x3/2 | max-pool/2."""

    def __init__(self, in_channels: int, w=int):
        super().__init__()
        self.branch3x3 = conv(in_channels, w(384), 3, stride=2)
        self.branch3x3dbl_1 = conv(in_channels, w(64), 1)
        self.branch3x3dbl_2 = conv(w(64), w(96), 3, padding=1)
        self.branch3x3dbl_3 = conv(w(96), w(96), 3, stride=2)

    def forward(self, x):
        b3 = self.branch3x3(x)
        bd = self.branch3x3dbl_3(self.branch3x3dbl_2(self.branch3x3dbl_1(x)))
        return torch.cat([b3, bd, F.max_pool2d(x, 3, 2)], 1)


class InceptionC(nn.Module):
    """17x17 block with 7x7 factorised into 1x7 and 7x1."""

    def __init__(self, in_channels: int, channels_7x7: int, w=int):
        super().__init__()
        c7 = channels_7x7
        self.branch1x1 = conv(in_channels, w(192), 1)
        self.branch7x7_1 = conv(in_channels, c7, 1)
        self.branch7x7_2 = conv(c7, c7, (1, 7), padding=(0, 3))
        self.branch7x7_3 = conv(c7, w(192), (7, 1), padding=(3, 0))
        self.branch7x7dbl_1 = conv(in_channels, c7, 1)
        self.branch7x7dbl_2 = conv(c7, c7, (7, 1), padding=(3, 0))
        self.branch7x7dbl_3 = conv(c7, c7, (1, 7), padding=(0, 3))
        self.branch7x7dbl_4 = conv(c7, c7, (7, 1), padding=(3, 0))
        self.branch7x7dbl_5 = conv(c7, w(192), (1, 7), padding=(0, 3))
        self.branch_pool = conv(in_channels, w(192), 1)

    def forward(self, x):
        b1 = self.branch1x1(x)
        b7 = self.branch7x7_3(self.branch7x7_2(self.branch7x7_1(x)))
        bd = x
        for i in range(1, 6):
            bd = getattr(self, f'branch7x7dbl_{i}')(bd)
        bp = self.branch_pool(F.avg_pool2d(x, 3, 1, 1))
        return torch.cat([b1, b7, bd, bp], 1)


class InceptionD(nn.Module):
    """Grid reduction 17 -> 8."""

    def __init__(self, in_channels: int, w=int):
        super().__init__()
        self.branch3x3_1 = conv(in_channels, w(192), 1)
        self.branch3x3_2 = conv(w(192), w(320), 3, stride=2)
        self.branch7x7x3_1 = conv(in_channels, w(192), 1)
        self.branch7x7x3_2 = conv(w(192), w(192), (1, 7), padding=(0, 3))
        self.branch7x7x3_3 = conv(w(192), w(192), (7, 1), padding=(3, 0))
        self.branch7x7x3_4 = conv(w(192), w(192), 3, stride=2)

    def forward(self, x):
        b3 = self.branch3x3_2(self.branch3x3_1(x))
        b7 = x
        for i in range(1, 5):
            b7 = getattr(self, f'branch7x7x3_{i}')(b7)
        return torch.cat([b3, b7, F.max_pool2d(x, 3, 2)], 1)


class InceptionE(nn.Module):
    """8x8 block with expanded filter banks (3x3 split into parallel 1x3 and 3x1)."""

    def __init__(self, in_channels: int, w=int):
        super().__init__()
        self.branch1x1 = conv(in_channels, w(320), 1)
        self.branch3x3_1 = conv(in_channels, w(384), 1)
        self.branch3x3_2a = conv(w(384), w(384), (1, 3), padding=(0, 1))
        self.branch3x3_2b = conv(w(384), w(384), (3, 1), padding=(1, 0))
        self.branch3x3dbl_1 = conv(in_channels, w(448), 1)
        self.branch3x3dbl_2 = conv(w(448), w(384), 3, padding=1)
        self.branch3x3dbl_3a = conv(w(384), w(384), (1, 3), padding=(0, 1))
        self.branch3x3dbl_3b = conv(w(384), w(384), (3, 1), padding=(1, 0))
        self.branch_pool = conv(in_channels, w(192), 1)

    def forward(self, x):
        b1 = self.branch1x1(x)
        b3 = self.branch3x3_1(x)
        b3 = torch.cat([self.branch3x3_2a(b3), self.branch3x3_2b(b3)], 1)
        bd = self.branch3x3dbl_2(self.branch3x3dbl_1(x))
        bd = torch.cat([self.branch3x3dbl_3a(bd), self.branch3x3dbl_3b(bd)], 1)
        bp = self.branch_pool(F.avg_pool2d(x, 3, 1, 1))
        return torch.cat([b1, b3, bd, bp], 1)


@MODELS.register_module()
class InceptionV3(BaseModule):
    """Inception v3 trunk (299x299 -> 2048x8x8).

    Args:
        in_channels: Input image channels.
        aux_outputs: Also return the Mixed_6e map (17x17x768) for the auxiliary head.
        width_mult: Scale every width (1.0 = paper; smaller for CPU demos).
    """

    def __init__(
        self,
        in_channels: int = 3,
        aux_outputs: bool = True,
        width_mult: float = 1.0,
        init_cfg: dict | list | None = None,
    ):
        super().__init__(
            init_cfg=init_cfg
            or [
                dict(type='TruncNormal', layer=['Conv2d', 'Linear'], std=0.1, a=-2, b=2),
                dict(type='Constant', layer='BatchNorm2d', val=1, bias=0),
            ]
        )
        self.aux_outputs = aux_outputs

        def w(c: int) -> int:
            return max(1, int(round(c * width_mult)))

        self.Conv2d_1a_3x3 = conv(in_channels, w(32), 3, stride=2)
        self.Conv2d_2a_3x3 = conv(w(32), w(32), 3)
        self.Conv2d_2b_3x3 = conv(w(32), w(64), 3, padding=1)
        self.maxpool1 = nn.MaxPool2d(3, 2)
        self.Conv2d_3b_1x1 = conv(w(64), w(80), 1)
        self.Conv2d_4a_3x3 = conv(w(80), w(192), 3)
        self.maxpool2 = nn.MaxPool2d(3, 2)
        c288 = w(64) + w(64) + w(96) + w(64)  # InceptionA output with 64 pool features
        c768 = 4 * w(192)
        c1280 = w(320) + w(192) + c768
        c2048 = w(320) + 4 * w(384) + w(192)
        self.Mixed_5b = InceptionA(w(192), pool_features=w(32), w=w)
        self.Mixed_5c = InceptionA(c288 - w(64) + w(32), pool_features=w(64), w=w)
        self.Mixed_5d = InceptionA(c288, pool_features=w(64), w=w)
        self.Mixed_6a = InceptionB(c288, w=w)
        self.Mixed_6b = InceptionC(w(384) + w(96) + c288, channels_7x7=w(128), w=w)
        self.Mixed_6c = InceptionC(c768, channels_7x7=w(160), w=w)
        self.Mixed_6d = InceptionC(c768, channels_7x7=w(160), w=w)
        self.Mixed_6e = InceptionC(c768, channels_7x7=w(192), w=w)
        self.Mixed_7a = InceptionD(c768, w=w)
        self.Mixed_7b = InceptionE(c1280, w=w)
        self.Mixed_7c = InceptionE(c2048, w=w)
        self.out_channels = c2048
        self.aux_in_channels = (c768,)

    def forward(self, x: torch.Tensor) -> tuple:
        x = self.Conv2d_2b_3x3(self.Conv2d_2a_3x3(self.Conv2d_1a_3x3(x)))
        x = self.Conv2d_4a_3x3(self.Conv2d_3b_1x1(self.maxpool1(x)))
        x = self.maxpool2(x)
        for name in ('5b', '5c', '5d', '6a', '6b', '6c', '6d', '6e'):
            x = getattr(self, f'Mixed_{name}')(x)
        aux = x
        x = self.Mixed_7c(self.Mixed_7b(self.Mixed_7a(x)))
        return (aux, x) if self.aux_outputs else (x,)
