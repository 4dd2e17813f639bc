"""Gated PixelCNN (van den Oord et al., 2016) over discrete code maps, optionally with causal
self-attention every few layers, class labels or a coarser code map as condition."""

import torch
from torch import nn

from mmblog.registry import MODELS

from .causal_self_attention import CausalSelfAttention
from .condition_stack import ConditionStack
from .gated_masked_conv import GatedMaskedConv


class _PointwiseResBlock(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.body = nn.Sequential(
            nn.ReLU(), nn.Conv2d(channels, channels, 1), nn.ReLU(), nn.Conv2d(channels, channels, 1)
        )

    def forward(self, x):
        return x + self.body(x)


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
            This is a gated PixelCNN with attention, not PixelSNAIL (see ``PixelSNAIL``).
        num_heads: Attention heads.
        dropout: Dropout after attention and after each residual gated layer.
        num_out_res_blocks: 1x1 residual blocks before the logits.
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
        self.cond_num_codes = cond_num_codes
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
        self.attns = nn.ModuleDict(
            {
                str(i): CausalSelfAttention(channels, num_heads, dropout)
                for i in range(num_layers)
                if attention_every and (i + 1) % attention_every == 0
            }
        )
        self.drop = nn.Dropout(dropout)
        out = [nn.ReLU(), nn.Conv2d(channels, channels, 1)]
        out += [_PointwiseResBlock(channels) for _ in range(num_out_res_blocks)]
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
