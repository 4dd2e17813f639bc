"""Decoder convnet of VQ-VAE / VQ-VAE-2 (residual stack + transposed convs)."""

import torch
from torch import nn

from mmblog.models.layers.vq_res_block import VQResBlock
from mmblog.registry import MODELS

from .vqvae_encoder import num_stages


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
        stages = num_stages(upsample)
        layers = [nn.Conv2d(in_channels, channels, 3, padding=1)]
        layers += [VQResBlock(channels, res_channels) for _ in range(num_res_blocks)]
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
