"""Encoder and decoder convnets of VQ-VAE / VQ-VAE-2 (strided convs + residual stack)."""

import math

import torch
from torch import nn

from mmblog.registry import MODELS


class ResBlock(nn.Module):
    """ReLU, 3x3 conv, ReLU, 1x1 conv, plus the input (the VQ-VAE residual unit)."""

    def __init__(self, channels: int, res_channels: int):
        super().__init__()
        self.body = nn.Sequential(
            nn.ReLU(),
            nn.Conv2d(channels, res_channels, 3, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(res_channels, channels, 1),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.body(x)


def _num_stages(factor: int) -> int:
    stages = int(round(math.log2(factor))) if factor >= 1 else -1
    if stages < 1 or 2**stages != factor:
        raise ValueError(f'down/upsampling factor must be a power of two >= 2, got {factor}')
    return stages


@MODELS.register_module()
class VQVAEEncoder(nn.Module):
    """x -> z_e: ``log2(downsample)`` 4x4 stride-2 convs, a 3x3 conv, a residual stack.

    Args:
        in_channels: Image (or feature) channels.
        channels: Hidden channels.
        res_channels: Channels inside the residual units.
        num_res_blocks: Residual units after the strided convs.
        downsample: Spatial reduction factor (4 for the bottom level, 2 for the top level).
        out_channels: If given, a final 1x1 conv to this many channels (D of the codebook).
    """

    def __init__(
        self,
        in_channels: int = 3,
        channels: int = 128,
        res_channels: int = 32,
        num_res_blocks: int = 2,
        downsample: int = 4,
        out_channels: int | None = None,
    ):
        super().__init__()
        stages = _num_stages(downsample)
        layers, c_in = [], in_channels
        for i in range(stages):
            c_out = channels if i == stages - 1 else channels // 2
            layers += [nn.Conv2d(c_in, c_out, 4, stride=2, padding=1), nn.ReLU(inplace=True)]
            c_in = c_out
        layers.append(nn.Conv2d(channels, channels, 3, padding=1))
        layers += [ResBlock(channels, res_channels) for _ in range(num_res_blocks)]
        layers.append(nn.ReLU(inplace=True))
        if out_channels is not None:
            layers.append(nn.Conv2d(channels, out_channels, 1))
        self.net = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


@MODELS.register_module()
class VQVAEDecoder(nn.Module):
    """z_q -> x: a 3x3 conv, a residual stack, ``log2(upsample)`` 4x4 stride-2 transposed convs.

    Args:
        in_channels: Channels of the quantised input.
        out_channels: Image (or feature) channels to produce.
        channels: Hidden channels.
        res_channels: Channels inside the residual units.
        num_res_blocks: Residual units before upsampling.
        upsample: Spatial enlargement factor.
    """

    def __init__(
        self,
        in_channels: int = 64,
        out_channels: int = 3,
        channels: int = 128,
        res_channels: int = 32,
        num_res_blocks: int = 2,
        upsample: int = 4,
    ):
        super().__init__()
        stages = _num_stages(upsample)
        layers = [nn.Conv2d(in_channels, channels, 3, padding=1)]
        layers += [ResBlock(channels, res_channels) for _ in range(num_res_blocks)]
        layers.append(nn.ReLU(inplace=True))
        c_in = channels
        for i in range(stages):
            last = i == stages - 1
            c_out = out_channels if last else channels // 2
            layers.append(nn.ConvTranspose2d(c_in, c_out, 4, stride=2, padding=1))
            if not last:
                layers.append(nn.ReLU(inplace=True))
            c_in = c_out
        self.net = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)
