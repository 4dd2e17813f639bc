"""The residual unit of VQ-VAE / VQ-VAE-2 (ReLU, 3x3 conv, ReLU, 1x1 conv, plus the input)."""

import torch
from torch import nn


class VQResBlock(nn.Module):
    """x + conv1x1(relu(conv3x3(relu(x)))): the unit of the VQ-VAE encoders, decoders and of the
    PixelCNN conditioning stack.

    Args:
        channels: Input and output channels.
        res_channels: Channels between the two convolutions.
    """

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
