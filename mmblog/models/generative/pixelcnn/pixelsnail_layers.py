"""The layers PixelSNAIL (Chen et al., 2018) is built from: weight-normalised (causal) convs,
gated residual layers, causal attention and the residual+attention block."""

from functools import lru_cache, partial

import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils import parametrize
from torch.nn.utils.parametrizations import weight_norm


class _MaskedWeightNorm(nn.Module):
    """Weight-norm parametrisation w = g v~ / ||v~|| with v~ = v * mask.

    The mask is (kh, kw) and broadcast over the channels: no buffer as large as the weight.
    """

    def __init__(self, mask: torch.Tensor):
        super().__init__()
        self.register_buffer('mask', mask, persistent=False)

    def forward(self, weight_g: torch.Tensor, weight_v: torch.Tensor) -> torch.Tensor:
        # torch's fused weight-norm kernel (what parametrizations.weight_norm runs) on the
        # masked v: one pass forward and backward instead of separate norm/divide/scale ops.
        return torch._weight_norm(weight_v * self.mask, weight_g, 0)

    def right_inverse(self, weight: torch.Tensor):
        return torch.linalg.vector_norm(weight, dim=(1, 2, 3), keepdim=True), weight


def wn_conv2d(
    in_channels: int, out_channels: int, kernel_size, padding=0, bias: bool = True
) -> nn.Conv2d:
    """A weight-normalised ``nn.Conv2d`` (g and v per output channel)."""
    return weight_norm(
        nn.Conv2d(in_channels, out_channels, kernel_size, padding=padding, bias=bias)
    )


class CausalConv2d(nn.Module):
    """Weight-normalised conv whose zero padding puts the kernel above / left of each output.

    ``'down'``: a (kh, kw) kernel over rows i-kh+1..i and columns j-kw//2..j+kw//2.
    ``'downright'``: rows i-kh+1..i and columns j-kw+1..j.
    ``'causal'``: like ``'down'`` but the current row only up to column j-1, so the output at
    (i, j) never sees input (i, j) or anything after it in raster order.
    """

    def __init__(self, in_channels: int, out_channels: int, kernel_size, padding: str = 'causal'):
        super().__init__()
        kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
        if padding == 'downright':
            self.pad = (kw - 1, 0, kh - 1, 0)
        elif padding in ('down', 'causal'):
            self.pad = (kw // 2, kw // 2, kh - 1, 0)
        else:
            raise ValueError(f"padding must be 'down', 'downright' or 'causal', got {padding!r}")
        self.conv = nn.Conv2d(in_channels, out_channels, (kh, kw))
        if padding == 'causal':
            mask = torch.ones(kh, kw)
            mask[-1, kw // 2 :] = 0
            parametrize.register_parametrization(self.conv, 'weight', _MaskedWeightNorm(mask))
        else:
            weight_norm(self.conv)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.conv(F.pad(x, self.pad))


class GatedResLayer(nn.Module):
    """x + GLU(conv2(dropout(ELU(conv1(ELU(x)) [+ aux]))) [+ cond]): PixelSNAIL's residual layer.

    Args:
        channels: Input/output channels.
        hidden_channels: Channels after the first conv.
        kernel_size: Conv kernel.
        causal: Causal convs (inside the autoregressive stack) or 'same' ones (1x1 layers of
            the attention block, the conditioning stack, the output stack).
        dropout: Dropout before the second conv.
        aux_channels: >0 adds a 1x1 projection of an auxiliary input (the attention output).
        cond_channels: >0 adds a 1x1 projection (no bias) of a conditioning map before the gate.
    """

    def __init__(
        self,
        channels: int,
        hidden_channels: int,
        kernel_size: int,
        causal: bool = False,
        dropout: float = 0.1,
        aux_channels: int = 0,
        cond_channels: int = 0,
    ):
        super().__init__()
        if causal:
            conv = CausalConv2d
        else:
            conv = partial(wn_conv2d, padding=kernel_size // 2)
        self.conv1 = conv(channels, hidden_channels, kernel_size)
        self.aux_conv = wn_conv2d(aux_channels, hidden_channels, 1) if aux_channels else None
        self.conv2 = conv(hidden_channels, 2 * channels, kernel_size)
        self.cond_conv = (
            wn_conv2d(cond_channels, 2 * channels, 1, bias=False) if cond_channels else None
        )
        self.drop = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, aux: torch.Tensor | None = None, cond=None) -> torch.Tensor:
        out = self.conv1(F.elu(x))
        if aux is not None:
            out = out + self.aux_conv(F.elu(aux))
        out = self.conv2(self.drop(F.elu(out)))
        if cond is not None:
            out = out + self.cond_conv(cond)
        return x + F.glu(out, dim=1)


@lru_cache(maxsize=16)
def _strictly_earlier(length: int, device: torch.device) -> torch.Tensor:
    """(L, L) bool: query i may attend key j < i; row 0 attends itself (its output is zeroed)."""
    allowed = torch.ones(length, length, dtype=torch.bool, device=device).tril(-1)
    allowed[0, 0] = True
    return allowed


class CausalAttention(nn.Module):
    """Multi-head attention over the raster order where position i attends positions j < i.

    Queries, keys and values are weight-normalised linear maps; the first position has nothing
    to attend to and outputs zeros. Dropout acts on the attention weights.
    """

    def __init__(
        self,
        query_channels: int,
        key_channels: int,
        channels: int,
        num_heads: int = 8,
        dropout: float = 0.1,
    ):
        super().__init__()
        if channels % num_heads:
            raise ValueError(f'attention channels {channels} must divide by num_heads {num_heads}')
        self.query = weight_norm(nn.Linear(query_channels, channels))
        self.key = weight_norm(nn.Linear(key_channels, channels))
        self.value = weight_norm(nn.Linear(key_channels, channels))
        self.num_heads, self.dropout = num_heads, dropout

    def forward(self, query: torch.Tensor, key: torch.Tensor) -> torch.Tensor:
        b, _, h, w = key.shape

        def heads(x: torch.Tensor) -> torch.Tensor:  # (B, L, C) -> (B, heads, L, C / heads)
            return x.view(b, h * w, self.num_heads, -1).transpose(1, 2)

        q_seq = query.flatten(2).transpose(1, 2)
        k_seq = key.flatten(2).transpose(1, 2)
        out = F.scaled_dot_product_attention(
            heads(self.query(q_seq)),
            heads(self.key(k_seq)),
            heads(self.value(k_seq)),
            attn_mask=_strictly_earlier(h * w, key.device),
            dropout_p=self.dropout if self.training else 0.0,
        )
        out = out.transpose(1, 2).reshape(b, h * w, -1)
        out = torch.cat([torch.zeros_like(out[:, :1]), out[:, 1:]], 1)
        return out.transpose(1, 2).reshape(b, -1, h, w)


class PixelSNAILBlock(nn.Module):
    """A residual block of causal gated layers followed by the attention block.

    Attention: keys/values from [block input, residual output, coordinates], queries from
    [residual output, coordinates], each through a 1x1 gated layer; the attention result enters
    a final gated layer as its auxiliary input. Without attention a 1x1 conv mixes the residual
    output with the coordinates (the VQ-VAE-2 bottom prior).
    """

    def __init__(
        self,
        channels: int,
        res_channels: int,
        kernel_size: int,
        num_res_layers: int,
        attention: bool = True,
        num_heads: int = 8,
        dropout: float = 0.1,
        cond_channels: int = 0,
    ):
        super().__init__()
        self.res_layers = nn.ModuleList(
            GatedResLayer(
                channels,
                res_channels,
                kernel_size,
                causal=True,
                dropout=dropout,
                cond_channels=cond_channels,
            )
            for _ in range(num_res_layers)
        )
        self.attention = attention
        if attention:
            self.key_layer = GatedResLayer(2 * channels + 2, channels, 1, dropout=dropout)
            self.query_layer = GatedResLayer(channels + 2, channels, 1, dropout=dropout)
            self.attn = CausalAttention(
                channels + 2, 2 * channels + 2, channels // 2, num_heads, dropout
            )
            self.out_layer = GatedResLayer(
                channels, channels, 1, dropout=dropout, aux_channels=channels // 2
            )
        else:
            self.out_conv = wn_conv2d(channels + 2, channels, 1)

    def forward(self, x: torch.Tensor, coords: torch.Tensor, cond=None) -> torch.Tensor:
        out = x
        for layer in self.res_layers:
            out = layer(out, cond=cond)
        if not self.attention:
            return self.out_conv(torch.cat([out, coords], 1))
        key = self.key_layer(torch.cat([x, out, coords], 1))
        query = self.query_layer(torch.cat([out, coords], 1))
        return self.out_layer(out, aux=self.attn(query, key))
