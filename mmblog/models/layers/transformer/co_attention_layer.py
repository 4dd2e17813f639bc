"""Two-stream co-attention (ViLBERT's co-TRM): each stream attends to the other."""

import torch
import torch.nn as nn

from mmblog.registry import MODELS

from .encoder_layer import TransformerEncoderLayer


@MODELS.register_module()
class CoAttentionLayer(nn.Module):
    """Stream A's queries attend to stream B and vice versa, then each has its own FFN.

    Both cross-attentions read the inputs of the layer (neither sees the other's update), as in
    ViLBERT. Each stream is a :class:`TransformerEncoderLayer` with cross-attention only
    (``stream_a``, ``stream_b``); put ordinary self-attention layers around it as needed.

    Args:
        dims_a: Width of stream A (e.g. text, 768).
        dims_b: Width of stream B (e.g. image regions, 1024).
        num_heads: Attention heads.
        ffn_a: Feed-forward width of stream A.
        ffn_b: Feed-forward width of stream B.
        attn_dims: Shared projected width of both attentions (ViLBERT's ``bi_hidden_size``;
            default: each stream's own width).
        **kwargs: More :class:`TransformerEncoderLayer` arguments (dropout, pre_norm, ...).

    Examples:
        >>> co = CoAttentionLayer(dims_a=32, dims_b=16, num_heads=4, ffn_a=64, ffn_b=32)
        >>> a, b = co(torch.randn(2, 7, 32), torch.randn(2, 3, 16))
        >>> a.shape, b.shape
        (torch.Size([2, 7, 32]), torch.Size([2, 3, 16]))
    """

    def __init__(
        self,
        dims_a: int,
        dims_b: int,
        num_heads: int,
        ffn_a: int,
        ffn_b: int,
        attn_dims: int | None = None,
        **kwargs,
    ):
        super().__init__()
        common = dict(self_attention=False, cross_attention=True, attn_dims=attn_dims, **kwargs)
        self.stream_a = TransformerEncoderLayer(dims_a, num_heads, ffn_a, kv_dims=dims_b, **common)
        self.stream_b = TransformerEncoderLayer(dims_b, num_heads, ffn_b, kv_dims=dims_a, **common)

    def forward(
        self,
        a: torch.Tensor,
        b: torch.Tensor,
        mask_a: torch.Tensor | None = None,
        mask_b: torch.Tensor | None = None,
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """a (B, La, dims_a), b (B, Lb, dims_b); masks (B, L) 1 = token, 0 = padding."""
        new_a = self.stream_a(a, encoder_hidden=b, encoder_attention_mask=mask_b)
        new_b = self.stream_b(b, encoder_hidden=a, encoder_attention_mask=mask_a)
        return new_a, new_b
