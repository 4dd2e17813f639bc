"""Conditioning stack of the gated PixelCNN: a coarser code map -> features on the prior's grid."""

import torch
import torch.nn.functional as F
from torch import nn

from mmblog.models.layers.vq_res_block import VQResBlock


class ConditionStack(nn.Module):
    """Embeds a coarser code map (e.g. VQ-VAE-2 top codes) and upsamples it to the prior's grid."""

    def __init__(self, num_codes: int, channels: int, num_res_blocks: int, upsample: int):
        super().__init__()
        layers = [nn.Conv2d(channels, channels, 3, padding=1)]
        layers += [VQResBlock(channels, channels) for _ in range(num_res_blocks)]
        layers.append(nn.ReLU(inplace=True))
        self.embed = nn.Embedding(num_codes, channels)
        self.net = nn.Sequential(*layers)
        self.upsample = upsample

    def forward(self, codes: torch.Tensor) -> torch.Tensor:
        x = self.net(self.embed(codes).permute(0, 3, 1, 2))
        if self.upsample > 1:
            x = F.interpolate(x, scale_factor=self.upsample, mode='nearest')
        return x
