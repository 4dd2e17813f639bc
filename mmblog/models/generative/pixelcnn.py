"""Gated PixelCNN (van den Oord et al., 2016) over discrete code maps, and the PixelSNAIL-style
variant of VQ-VAE-2's top prior (causal multi-head attention every few layers, dropout)."""

import torch
import torch.nn.functional as F
from torch import nn

from mmblog.models.backbones.vqvae_nets import ResBlock
from mmblog.registry import MODELS


class GatedMaskedConv(nn.Module):
    """One gated layer with a vertical and a horizontal stack (no blind spot).

    The vertical stack sees the rows above; the horizontal stack sees the pixels to the left in
    the current row plus the vertical stack. Mask type 'A' (first layer) also hides the current
    pixel, 'B' lets a position see its own features from the previous layer.
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
        vmask = torch.ones_like(self.vert_stack.weight)
        hmask = torch.ones_like(self.horiz_stack.weight)
        if mask_type == 'A':
            # Hide the current row from the vertical stack and the current pixel from the
            # horizontal one: the first layer may only see strictly earlier codes.
            vmask[:, :, -1] = 0
            hmask[:, :, :, -1] = 0
        self.register_buffer('vmask', vmask, persistent=False)
        self.register_buffer('hmask', hmask, persistent=False)
        self.class_embed = nn.Embedding(num_classes, 2 * channels) if num_classes else None
        self.cond_proj = nn.Conv2d(cond_channels, 2 * channels, 1) if cond_channels else None

    @staticmethod
    def gate(x: torch.Tensor) -> torch.Tensor:
        a, b = x.chunk(2, dim=1)
        return torch.tanh(a) * torch.sigmoid(b)

    def forward(self, x_v, x_h, label=None, cond=None):
        h, w = x_v.shape[-2:]
        bias = 0
        if self.class_embed is not None and label is not None:
            bias = bias + self.class_embed(label)[:, :, None, None]
        if self.cond_proj is not None and cond is not None:
            bias = bias + self.cond_proj(cond)
        # Output row i of the padded conv covers input rows i - k//2 .. i; crop to H rows.
        h_vert = F.conv2d(
            x_v,
            self.vert_stack.weight * self.vmask,
            self.vert_stack.bias,
            padding=self.vert_stack.padding,
        )[:, :, :h, :]
        out_v = self.gate(h_vert + bias)
        h_horiz = F.conv2d(
            x_h,
            self.horiz_stack.weight * self.hmask,
            self.horiz_stack.bias,
            padding=self.horiz_stack.padding,
        )[:, :, :, :w]
        out = self.gate(self.vert_to_horiz(h_vert) + h_horiz + bias)
        out_h = self.horiz_resid(out)
        if self.residual:
            out_h = out_h + x_h
        return out_v, out_h


class CausalSelfAttention(nn.Module):
    """Multi-head self-attention over the raster order where position i sees positions <= i.

    The horizontal-stack features at position j depend only on codes before j, so letting i
    attend to j <= i keeps the model autoregressive.
    """

    def __init__(self, channels: int, num_heads: int, dropout: float):
        super().__init__()
        self.norm = nn.LayerNorm(channels)
        self.attn = nn.MultiheadAttention(channels, num_heads, dropout=dropout, batch_first=True)
        self.drop = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, c, h, w = x.shape
        seq = x.flatten(2).transpose(1, 2)
        mask = torch.ones(h * w, h * w, dtype=torch.bool, device=x.device).triu(1)
        q = self.norm(seq)
        out, _ = self.attn(q, q, q, attn_mask=mask, need_weights=False)
        seq = seq + self.drop(out)
        return seq.transpose(1, 2).reshape(b, c, h, w)


class ConditionStack(nn.Module):
    """Embeds a coarser code map (e.g. VQ-VAE-2 top codes) and upsamples it to the prior's grid."""

    def __init__(self, num_codes: int, channels: int, num_res_blocks: int, upsample: int):
        super().__init__()
        layers = [nn.Conv2d(channels, channels, 3, padding=1)]
        layers += [ResBlock(channels, channels) for _ in range(num_res_blocks)]
        layers.append(nn.ReLU(inplace=True))
        self.embed = nn.Embedding(num_codes, channels)
        self.net = nn.Sequential(*layers)
        self.upsample = upsample

    def forward(self, codes: torch.Tensor) -> torch.Tensor:
        x = self.net(self.embed(codes).permute(0, 3, 1, 2))
        if self.upsample > 1:
            x = F.interpolate(x, scale_factor=self.upsample, mode='nearest')
        return x


@MODELS.register_module()
class GatedPixelCNN(nn.Module):
    """Autoregressive network over a (B, H, W) map of K-way codes -> (B, K, H, W) logits.

    Args:
        num_codes: K.
        channels: Width of the gated stacks.
        num_layers: Gated layers (the first is mask 'A' with ``first_kernel_size``).
        kernel_size: Kernel of the later layers.
        num_classes: >0 for class-conditional priors (a label embedding biases every gate).
        cond_num_codes: >0 to condition on a code map of that K (VQ-VAE-2 bottom prior).
        cond_channels / cond_res_blocks / cond_upsample: the conditioning stack.
        attention_every: Insert causal multi-head attention after every n gated layers (0: none).
        num_heads: Attention heads.
        dropout: Dropout after attention and after each residual gated layer.
        num_out_res_blocks: 1x1 residual blocks before the logits (the paper's deep 1x1 stack).
    """

    def __init__(
        self,
        num_codes: int,
        channels: int = 64,
        num_layers: int = 8,
        kernel_size: int = 3,
        first_kernel_size: int = 7,
        num_classes: int = 0,
        cond_num_codes: int = 0,
        cond_channels: int = 64,
        cond_res_blocks: int = 2,
        cond_upsample: int = 2,
        attention_every: int = 0,
        num_heads: int = 4,
        dropout: float = 0.0,
        num_out_res_blocks: int = 0,
    ):
        super().__init__()
        self.num_codes, self.num_classes = num_codes, num_classes
        self.embed = nn.Embedding(num_codes, channels)
        self.cond_stack = (
            ConditionStack(cond_num_codes, cond_channels, cond_res_blocks, cond_upsample)
            if cond_num_codes
            else None
        )
        cond_c = cond_channels if cond_num_codes else 0
        self.layers = nn.ModuleList(
            GatedMaskedConv(
                'A' if i == 0 else 'B',
                channels,
                first_kernel_size if i == 0 else kernel_size,
                residual=i > 0,
                num_classes=num_classes,
                cond_channels=cond_c,
            )
            for i in range(num_layers)
        )
        self.attention_every = attention_every
        self.attns = nn.ModuleDict(
            {
                str(i): CausalSelfAttention(channels, num_heads, dropout)
                for i in range(num_layers)
                if attention_every and (i + 1) % attention_every == 0
            }
        )
        self.drop = nn.Dropout(dropout)
        out = [nn.ReLU(), nn.Conv2d(channels, channels, 1)]
        for _ in range(num_out_res_blocks):
            out.append(_PointwiseResBlock(channels))
        out += [nn.ReLU(inplace=True), nn.Conv2d(channels, num_codes, 1)]
        self.out = nn.Sequential(*out)

    def forward(
        self,
        codes: torch.Tensor,
        label: torch.Tensor | None = None,
        cond: torch.Tensor | None = None,
    ) -> torch.Tensor:
        if self.num_classes and label is None:
            raise ValueError('this prior is class-conditional: pass a label per sample')
        if self.cond_stack is not None and cond is None:
            raise ValueError('this prior is conditioned on a code map: pass cond codes')
        x = self.embed(codes).permute(0, 3, 1, 2)
        cond_feat = self.cond_stack(cond) if self.cond_stack is not None else None
        if cond_feat is not None and cond_feat.shape[-2:] != x.shape[-2:]:
            raise ValueError(
                f'conditioning map upsampled to {tuple(cond_feat.shape[-2:])} but the codes are '
                f'{tuple(x.shape[-2:])}: set cond_upsample to their size ratio'
            )
        x_v, x_h = x, x
        for i, layer in enumerate(self.layers):
            x_v, x_h = layer(x_v, x_h, label=label, cond=cond_feat)
            if i > 0:
                x_h = self.drop(x_h)
            if str(i) in self.attns:
                x_h = self.attns[str(i)](x_h)
        return self.out(x_h)


class _PointwiseResBlock(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.body = nn.Sequential(
            nn.ReLU(), nn.Conv2d(channels, channels, 1), nn.ReLU(), nn.Conv2d(channels, channels, 1)
        )

    def forward(self, x):
        return x + self.body(x)


@MODELS.register_module()
class PixelSNAIL(GatedPixelCNN):
    """VQ-VAE-2's top prior: gated residual layers with causal multi-head attention every 5
    layers, dropout after attention and residual blocks, and a deep 1x1 residual output stack."""

    def __init__(
        self,
        num_codes: int,
        attention_every: int = 5,
        num_heads: int = 8,
        dropout: float = 0.1,
        num_out_res_blocks: int = 2,
        **kwargs,
    ):
        super().__init__(
            num_codes,
            attention_every=attention_every,
            num_heads=num_heads,
            dropout=dropout,
            num_out_res_blocks=num_out_res_blocks,
            **kwargs,
        )
