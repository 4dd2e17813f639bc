"""Encoder convnet of VQ-VAE / VQ-VAE-2 (strided convs + residual stack)."""

import math

import torch
from torch import nn

from mmblog.models.layers.vq_res_block import VQResBlock
from mmblog.registry import MODELS


def num_stages(factor: int) -> int:
    """log2 of a power-of-two down/upsampling factor >= 2, or one clear error."""
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
        half_first_stage: The first strided conv always outputs ``channels // 2`` and the 3x3
            conv widens to ``channels`` (the shape of rosinality/vq-vae-2-pytorch's top encoder:
            128->64 then 64->128 at ``downsample=2``). False keeps the older shape, where the
            last strided conv outputs ``channels`` (128->128 then 128->128 at ``downsample=2``).
            Both give the same network at ``downsample=4``.
    """

    def __init__(
        self,
        in_channels: int = 3,
        channels: int = 128,
        res_channels: int = 32,
        num_res_blocks: int = 2,
        downsample: int = 4,
        out_channels: int | None = None,
        half_first_stage: bool = False,
    ):
        super().__init__()
        stages = num_stages(downsample)
        layers, c_in = [], in_channels
        for i in range(stages):
            if half_first_stage:
                c_out = channels // 2 if i == 0 else channels
            else:
                c_out = channels if i == stages - 1 else channels // 2
            layers += [nn.Conv2d(c_in, c_out, 4, stride=2, padding=1), nn.ReLU(inplace=True)]
            c_in = c_out
        layers.append(nn.Conv2d(c_in, channels, 3, padding=1))
        layers += [VQResBlock(channels, res_channels) for _ in range(num_res_blocks)]
        layers.append(nn.ReLU(inplace=True))
        if out_channels is not None:
            layers.append(nn.Conv2d(channels, out_channels, 1))
        self.net = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)
