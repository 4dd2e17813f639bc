"""PixelSNAIL (Chen et al., 2018): the top prior of VQ-VAE-2, and with conditioning on the top
codes and no attention, its bottom prior."""

import torch
import torch.nn.functional as F
from torch import nn

from mmblog.registry import MODELS

from .pixelsnail_layers import CausalConv2d, GatedResLayer, PixelSNAILBlock, wn_conv2d


@MODELS.register_module()
class PixelSNAIL(nn.Module):
    """Autoregressive net over a (B, H, W) map of K-way codes -> (B, K, H, W) logits.

    Structure (the paper's figure 4, as the VQ-VAE-2 reference implementation builds it):

    1. The one-hot codes go through two causal convs whose outputs are shifted so that the
       features at (i, j) see only earlier positions: one over the rows above (a k/2 x k
       kernel, shifted down a row), one over the current and earlier rows to the left (a
       (k+1)/2 x k/2 kernel, shifted right a column); their sum enters the blocks.
    2. ``num_blocks`` blocks, each ``num_res_layers`` gated residual layers (ELU, causal k x k
       conv, ELU, dropout, causal conv to 2C, GLU, residual) then the attention block: keys and
       values from the block input, the residual output and two coordinate channels, queries
       from the residual output and the coordinates, causal multi-head attention (position i
       attends j < i), a gated 1x1 layer that takes the attention result as auxiliary input.
    3. ``num_out_res_blocks`` gated 1x1 layers, ELU and a 1x1 conv to K logits.

    Every conv and linear map is weight-normalised. For the bottom prior (``cond_num_codes``
    > 0) the top codes pass one-hot through a conv and ``cond_res_blocks`` gated layers, are
    upsampled by ``cond_upsample`` and enter every residual layer's gate through a 1x1 conv.

    Args:
        num_codes: K of the modelled codes.
        channels: C, the width of the stack.
        kernel_size: Odd kernel of the causal convs.
        num_blocks: Residual+attention blocks.
        num_res_layers: Gated residual layers per block.
        res_channels: Hidden channels of the gated layers.
        attention: Attention in every block (False: the bottom prior's 1x1 mixing instead).
        num_heads: Attention heads.
        dropout: Dropout in the gated layers and on the attention weights.
        num_out_res_blocks: Gated 1x1 layers before the logits.
        cond_num_codes: K of the conditioning code map (0: unconditional).
        cond_channels / cond_res_blocks / cond_kernel_size / cond_upsample: the conditioning
            stack.
    """

    num_classes = 0  # class conditioning is not part of the VQ-VAE-2 priors

    def __init__(
        self,
        num_codes: int,
        channels: int = 256,
        kernel_size: int = 5,
        num_blocks: int = 4,
        num_res_layers: int = 4,
        res_channels: int = 256,
        attention: bool = True,
        num_heads: int = 8,
        dropout: float = 0.1,
        num_out_res_blocks: int = 0,
        cond_num_codes: int = 0,
        cond_channels: int = 256,
        cond_res_blocks: int = 3,
        cond_kernel_size: int = 3,
        cond_upsample: int = 2,
    ):
        super().__init__()
        if kernel_size % 2 == 0:
            raise ValueError(f'kernel_size must be odd, got {kernel_size}')
        self.num_codes, self.cond_num_codes = num_codes, cond_num_codes
        k = kernel_size
        self.above = CausalConv2d(num_codes, channels, (k // 2, k), padding='down')
        self.left = CausalConv2d(num_codes, channels, ((k + 1) // 2, k // 2), padding='downright')
        cond_c = cond_channels if cond_num_codes else 0
        self.blocks = nn.ModuleList(
            PixelSNAILBlock(
                channels,
                res_channels,
                k,
                num_res_layers,
                attention=attention,
                num_heads=num_heads,
                dropout=dropout,
                cond_channels=cond_c,
            )
            for _ in range(num_blocks)
        )
        self.cond_stack = None
        if cond_num_codes:
            self.cond_stack = nn.Sequential(
                wn_conv2d(cond_num_codes, cond_c, cond_kernel_size, cond_kernel_size // 2),
                *(
                    GatedResLayer(cond_c, cond_c, cond_kernel_size, dropout=dropout)
                    for _ in range(cond_res_blocks)
                ),
            )
        self.cond_upsample = cond_upsample
        self.out = nn.Sequential(
            *(
                GatedResLayer(channels, res_channels, 1, dropout=dropout)
                for _ in range(num_out_res_blocks)
            ),
            nn.ELU(),
            wn_conv2d(channels, num_codes, 1),
        )

    @staticmethod
    def coordinates(b: int, h: int, w: int, like: torch.Tensor) -> torch.Tensor:
        """(B, 2, H, W) row and column coordinates in [-0.5, 0.5)."""
        rows = (torch.arange(h, dtype=like.dtype, device=like.device) - h / 2) / h
        cols = (torch.arange(w, dtype=like.dtype, device=like.device) - w / 2) / w
        grid = torch.stack(torch.meshgrid(rows, cols, indexing='ij'))
        return grid[None].expand(b, 2, h, w)

    def condition(self, cond: torch.Tensor, size: tuple[int, int]) -> torch.Tensor:
        """Conditioning code map -> features on the modelled grid."""
        x = F.one_hot(cond, self.cond_num_codes).permute(0, 3, 1, 2).float()
        x = self.cond_stack(x)
        if self.cond_upsample > 1:
            x = F.interpolate(x, scale_factor=self.cond_upsample, mode='nearest')
        if tuple(x.shape[-2:]) != tuple(size):
            raise ValueError(
                f'conditioning map upsampled to {tuple(x.shape[-2:])} but the codes are '
                f'{tuple(size)}: set cond_upsample to their size ratio'
            )
        return x

    def forward(
        self,
        codes: torch.Tensor,
        label: torch.Tensor | None = None,
        cond: torch.Tensor | None = None,
    ) -> torch.Tensor:
        if label is not None:
            raise ValueError('PixelSNAIL is not class-conditional: pass no label')
        if self.cond_stack is not None and cond is None:
            raise ValueError('this prior is conditioned on a code map: pass cond codes')
        x = F.one_hot(codes, self.num_codes).permute(0, 3, 1, 2).float()
        return self.forward_onehot(x, cond)

    def forward_onehot(self, x: torch.Tensor, cond: torch.Tensor | None = None) -> torch.Tensor:
        """(B, K, H, W) one-hot (or any real-valued) input -> (B, K, H, W) logits."""
        b, _, h, w = x.shape
        # Shift so that (i, j) sees rows < i (above) and columns < j of rows <= i (left).
        above = F.pad(self.above(x), (0, 0, 1, 0))[:, :, :h]
        left = F.pad(self.left(x), (1, 0, 0, 0))[:, :, :, :w]
        out = above + left
        coords = self.coordinates(b, h, w, out)
        cond_feat = self.condition(cond, (h, w)) if self.cond_stack is not None else None
        for block in self.blocks:
            out = block(out, coords, cond=cond_feat)
        return self.out(out)
