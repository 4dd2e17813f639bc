"""One gated layer of the gated PixelCNN (van den Oord et al., 2016): vertical + horizontal stack."""

import torch
import torch.nn.functional as F
from torch import nn


class GatedMaskedConv(nn.Module):
    """One gated layer with a vertical and a horizontal stack (no blind spot).

    The vertical stack sees the rows above; the horizontal stack sees the pixels to the left in
    the current row plus the vertical stack. Mask type 'A' (first layer) also hides the current
    pixel, 'B' lets a position see its own features from the previous layer. The kernels are
    already cropped to the causal half, so only type 'A' needs a mask: one (kh, kw) tensor
    broadcast over the channels, not a copy of the weight.
    """

    def __init__(
        self,
        mask_type: str,
        channels: int,
        kernel_size: int,
        residual: bool,
        num_classes: int = 0,
        cond_channels: int = 0,
    ):
        super().__init__()
        if mask_type not in ('A', 'B'):
            raise ValueError(f"mask_type must be 'A' or 'B', got {mask_type!r}")
        if kernel_size % 2 == 0:
            raise ValueError(f'kernel_size must be odd, got {kernel_size}')
        self.mask_type, self.residual = mask_type, residual
        k = kernel_size
        self.vert_stack = nn.Conv2d(
            channels, 2 * channels, (k // 2 + 1, k), padding=(k // 2, k // 2)
        )
        self.vert_to_horiz = nn.Conv2d(2 * channels, 2 * channels, 1)
        self.horiz_stack = nn.Conv2d(channels, 2 * channels, (1, k // 2 + 1), padding=(0, k // 2))
        self.horiz_resid = nn.Conv2d(channels, channels, 1)
        if mask_type == 'A':
            # Hide the current row from the vertical stack and the current pixel from the
            # horizontal one: the first layer may only see strictly earlier codes.
            vmask = torch.ones(k // 2 + 1, k)
            vmask[-1] = 0
            hmask = torch.ones(1, k // 2 + 1)
            hmask[:, -1] = 0
            self.register_buffer('vmask', vmask, persistent=False)
            self.register_buffer('hmask', hmask, persistent=False)
        else:
            self.vmask = self.hmask = None
        self.class_embed = nn.Embedding(num_classes, 2 * channels) if num_classes else None
        self.cond_proj = nn.Conv2d(cond_channels, 2 * channels, 1) if cond_channels else None

    @staticmethod
    def gate(x: torch.Tensor) -> torch.Tensor:
        a, b = x.chunk(2, dim=1)
        return torch.tanh(a) * torch.sigmoid(b)

    @staticmethod
    def _conv(x: torch.Tensor, conv: nn.Conv2d, mask: torch.Tensor | None) -> torch.Tensor:
        weight = conv.weight if mask is None else conv.weight * mask
        return F.conv2d(x, weight, conv.bias, padding=conv.padding)

    def forward(self, x_v, x_h, label=None, cond=None):
        h, w = x_v.shape[-2:]
        bias = 0
        if self.class_embed is not None and label is not None:
            bias = bias + self.class_embed(label)[:, :, None, None]
        if self.cond_proj is not None and cond is not None:
            bias = bias + self.cond_proj(cond)
        # Output row i of the padded conv covers input rows i - k//2 .. i; crop to H rows.
        h_vert = self._conv(x_v, self.vert_stack, self.vmask)[:, :, :h, :]
        out_v = self.gate(h_vert + bias)
        h_horiz = self._conv(x_h, self.horiz_stack, self.hmask)[:, :, :, :w]
        out = self.gate(self.vert_to_horiz(h_vert) + h_horiz + bias)
        out_h = self.horiz_resid(out)
        if self.residual:
            out_h = out_h + x_h
        return out_v, out_h
