"""Multi-head attention on ``torch.nn.functional.scaled_dot_product_attention``."""

import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from mmblog.registry import MODELS


def build_attention_bias(
    attention_mask: torch.Tensor | None,
    attn_mask: torch.Tensor | None,
    causal: bool,
    q_len: int,
    k_len: int,
    device: torch.device,
) -> torch.Tensor | None:
    """Combine masks into one boolean mask broadcastable to (B, heads, Lq, Lk); True = attend.

    Args:
        attention_mask: (B, Lk) key padding mask in Hugging Face's convention: 1 (or True) for
            real tokens, 0 for padding.
        attn_mask: Optional (Lq, Lk), (B, Lq, Lk) or (B, heads, Lq, Lk) boolean mask, True =
            may attend.
        causal: Also forbid attending to later keys (key j > query i, as SDPA's ``is_causal``).
    """
    mask = None
    if attention_mask is not None:
        mask = attention_mask.to(device=device, dtype=torch.bool)[:, None, None, :]
    if attn_mask is not None:
        if attn_mask.dtype != torch.bool:
            raise TypeError(f'attn_mask must be boolean (True = attend), got {attn_mask.dtype}')
        extra = attn_mask.to(device)
        while extra.dim() < 4:
            extra = extra.unsqueeze(1 if extra.dim() == 3 else 0)
        mask = extra if mask is None else mask & extra
    if causal:
        tri = torch.ones(q_len, k_len, dtype=torch.bool, device=device).tril()
        mask = tri[None, None] if mask is None else mask & tri
    return mask


@MODELS.register_module()
class MultiheadAttention(nn.Module):
    """Scaled dot-product multi-head attention, self or cross, with BERT's parameter names.

    Holds the ``query``/``key``/``value`` projections only; the output projection lives in the
    residual block that follows (``attention.output.dense`` in BERT's layout), so a BERT
    checkpoint loads key for key.

    Args:
        embed_dims: Width of the queries (and of keys/values unless ``kv_dims`` is given).
        num_heads: Number of heads; ``attn_dims`` must be divisible by it.
        kv_dims: Width of the key/value input for cross-attention (default ``embed_dims``).
        attn_dims: Width of the projected queries/keys/values (default ``embed_dims``).
        attn_drop: Dropout on the attention probabilities (training only).
        causal: Default causal flag for :meth:`forward` (a decoder's self-attention).

    Examples:
        >>> attn = MultiheadAttention(embed_dims=32, num_heads=4)
        >>> x = torch.randn(2, 5, 32)
        >>> pad = torch.tensor([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]])
        >>> attn(x, attention_mask=pad).shape
        torch.Size([2, 5, 32])
        >>> text = torch.randn(2, 7, 16)  # cross-attention to another stream of width 16
        >>> MultiheadAttention(32, 4, kv_dims=16)(x, text).shape
        torch.Size([2, 5, 32])
    """

    def __init__(
        self,
        embed_dims: int,
        num_heads: int,
        kv_dims: int | None = None,
        attn_dims: int | None = None,
        attn_drop: float = 0.0,
        causal: bool = False,
    ):
        super().__init__()
        attn_dims = attn_dims or embed_dims
        kv_dims = kv_dims or embed_dims
        if attn_dims % num_heads:
            raise ValueError(f'attention width {attn_dims} is not divisible by {num_heads} heads')
        self.num_heads = num_heads
        self.head_dims = attn_dims // num_heads
        self.attn_dims = attn_dims
        self.attn_drop = attn_drop
        self.causal = causal
        self.query = nn.Linear(embed_dims, attn_dims)
        self.key = nn.Linear(kv_dims, attn_dims)
        self.value = nn.Linear(kv_dims, attn_dims)

    def _heads(self, x: torch.Tensor) -> torch.Tensor:
        b, n, _ = x.shape
        return x.view(b, n, self.num_heads, self.head_dims).transpose(1, 2)

    def forward(
        self,
        query: torch.Tensor,
        key_value: torch.Tensor | None = None,
        attention_mask: torch.Tensor | None = None,
        attn_mask: torch.Tensor | None = None,
        causal: bool | None = None,
        return_weights: bool = False,
    ):
        """Attend from ``query`` (B, Lq, C) to ``key_value`` (B, Lk, C_kv; default: query).

        Args:
            attention_mask: (B, Lk) key padding mask, 1 = real token, 0 = padding.
            attn_mask: Optional boolean mask (True = attend), see :func:`build_attention_bias`.
            causal: Override the module's causal flag.
            return_weights: Also return the (B, heads, Lq, Lk) probabilities (computed
                explicitly, slower; for inspection only).

        Returns:
            Context (B, Lq, attn_dims), or ``(context, weights)`` with ``return_weights``.
        """
        kv = query if key_value is None else key_value
        q = self._heads(self.query(query))
        k = self._heads(self.key(kv))
        v = self._heads(self.value(kv))
        causal = self.causal if causal is None else causal
        drop = self.attn_drop if self.training else 0.0
        if attention_mask is None and attn_mask is None and not return_weights:
            out = F.scaled_dot_product_attention(q, k, v, dropout_p=drop, is_causal=causal)
            weights = None
        else:
            mask = build_attention_bias(
                attention_mask, attn_mask, causal, q.shape[2], k.shape[2], q.device
            )
            if return_weights:
                scores = q @ k.transpose(-2, -1) / math.sqrt(self.head_dims)
                if mask is not None:
                    scores = scores.masked_fill(~mask, torch.finfo(scores.dtype).min)
                weights = scores.softmax(-1)
                out = F.dropout(weights, drop, self.training) @ v
            else:
                out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, dropout_p=drop)
                weights = None
        b, _, n, _ = out.shape
        out = out.transpose(1, 2).reshape(b, n, self.attn_dims)
        return (out, weights) if return_weights else out
