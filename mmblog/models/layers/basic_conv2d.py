"""Conv -> (BatchNorm) -> ReLU, the unit of the Inception family."""

import torch
import torch.nn as nn

from .norm import build_norm2d


class BasicConv2d(nn.Module):
    """A convolution followed by optional BatchNorm and ReLU.

    With ``norm_cfg=None`` the conv has a bias (GoogLeNet as published); with
    ``dict(type='BN', eps=1e-3)`` (what torchvision's Inception nets use;
    mmcv's default eps is 1e-5) it has none and BN follows (torchvision, Inception v2+).
    Parameter names (``conv``, ``bn``) equal torchvision's ``BasicConv2d``.
    """

    def __init__(
        self,
        in_channels: int,
        out_channels: int,
        kernel_size,
        stride=1,
        padding=0,
        norm_cfg: dict | None = None,
    ):
        super().__init__()
        self.conv = nn.Conv2d(
            in_channels, out_channels, kernel_size, stride, padding, bias=norm_cfg is None
        )
        self.bn = build_norm2d(norm_cfg, out_channels)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.relu(self.bn(self.conv(x)))
