"""Transformer encoder layer (post-LN as BERT, or pre-LN) with BERT's parameter names."""

import torch
import torch.nn as nn

from mmblog.registry import MODELS

from .attention import MultiheadAttention

ACTIVATIONS = {
    'gelu': lambda: nn.GELU(),
    'gelu_new': lambda: nn.GELU(approximate='tanh'),
    'gelu_pytorch_tanh': lambda: nn.GELU(approximate='tanh'),
    'relu': lambda: nn.ReLU(),
    'tanh': lambda: nn.Tanh(),
}


def build_activation(name: str) -> nn.Module:
    """The activation Hugging Face configs call ``hidden_act`` (``gelu`` is the exact erf GELU)."""
    if name not in ACTIVATIONS:
        raise ValueError(f'unknown activation {name!r}; choose from {sorted(ACTIVATIONS)}')
    return ACTIVATIONS[name]()


class AddNormOutput(nn.Module):
    """``dense`` -> dropout -> add the residual, with ``LayerNorm`` after (post-LN) or before.

    BERT's ``BertSelfOutput``/``BertOutput``. In pre-LN mode the block that owns this module
    applies ``LayerNorm`` to its input (:meth:`pre_norm`) and this module only adds.
    """

    def __init__(self, in_dims: int, out_dims: int, dropout: float, eps: float, pre_norm: bool):
        super().__init__()
        self.dense = nn.Linear(in_dims, out_dims)
        self.LayerNorm = nn.LayerNorm(out_dims, eps=eps)  # noqa: N815 (BERT's name)
        self.dropout = nn.Dropout(dropout)
        self.pre_norm = pre_norm

    def normalize_input(self, x: torch.Tensor) -> torch.Tensor:
        return self.LayerNorm(x) if self.pre_norm else x

    def forward(self, hidden: torch.Tensor, residual: torch.Tensor) -> torch.Tensor:
        out = self.dropout(self.dense(hidden)) + residual
        return out if self.pre_norm else self.LayerNorm(out)


class AttentionBlock(nn.Module):
    """Attention plus its residual output (BERT's ``BertAttention``: ``self`` and ``output``)."""

    def __init__(
        self,
        embed_dims: int,
        num_heads: int,
        kv_dims: int | None = None,
        attn_dims: int | None = None,
        dropout: float = 0.1,
        attn_drop: float = 0.1,
        layer_norm_eps: float = 1e-12,
        pre_norm: bool = False,
        causal: bool = False,
    ):
        super().__init__()
        self.self = MultiheadAttention(embed_dims, num_heads, kv_dims, attn_dims, attn_drop, causal)
        self.output = AddNormOutput(
            self.self.attn_dims, embed_dims, dropout, layer_norm_eps, pre_norm
        )

    def forward(
        self,
        hidden: torch.Tensor,
        key_value: torch.Tensor | None = None,
        attention_mask: torch.Tensor | None = None,
        attn_mask: torch.Tensor | None = None,
    ) -> torch.Tensor:
        x = self.output.normalize_input(hidden)
        ctx = self.self(x, key_value, attention_mask=attention_mask, attn_mask=attn_mask)
        return self.output(ctx, hidden)


class Intermediate(nn.Module):
    """The first feed-forward projection and its activation (BERT's ``BertIntermediate``)."""

    def __init__(self, embed_dims: int, feedforward_channels: int, act: str):
        super().__init__()
        self.dense = nn.Linear(embed_dims, feedforward_channels)
        self.intermediate_act_fn = build_activation(act)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.intermediate_act_fn(self.dense(x))


@MODELS.register_module()
class TransformerEncoderLayer(nn.Module):
    """Self-attention, optional cross-attention, feed-forward; BERT's ``BertLayer`` names.

    Parameters are ``attention.self.{query,key,value}``, ``attention.output.{dense,LayerNorm}``,
    ``crossattention.*`` (with ``cross_attention=True``), ``intermediate.dense`` and
    ``output.{dense,LayerNorm}``, so ``encoder.layer.N`` of a BERT/RoBERTa checkpoint loads as is.

    Args:
        embed_dims: Hidden width.
        num_heads: Attention heads.
        feedforward_channels: Feed-forward width (BERT's ``intermediate_size``).
        act: Activation (``gelu`` exact, ``gelu_new`` tanh, ``relu``).
        dropout: Dropout after each projection (``hidden_dropout_prob``).
        attn_drop: Dropout on attention probabilities (``attention_probs_dropout_prob``).
        layer_norm_eps: LayerNorm epsilon (BERT 1e-12, RoBERTa 1e-5).
        pre_norm: LayerNorm before each sub-layer (pre-LN) instead of after (post-LN, BERT).
        self_attention: Include self-attention (False gives a pure cross-attention layer, one
            stream of a co-attention block).
        cross_attention: Attend to ``encoder_hidden`` after self-attention.
        kv_dims: Width of ``encoder_hidden`` (default ``embed_dims``).
        attn_dims: Projected attention width (default ``embed_dims``).
        causal: Causal self-attention (decoder).

    Examples:
        >>> layer = TransformerEncoderLayer(32, 4, 64)
        >>> layer(torch.randn(2, 6, 32), attention_mask=torch.ones(2, 6)).shape
        torch.Size([2, 6, 32])
    """

    def __init__(
        self,
        embed_dims: int,
        num_heads: int,
        feedforward_channels: int,
        act: str = 'gelu',
        dropout: float = 0.1,
        attn_drop: float = 0.1,
        layer_norm_eps: float = 1e-12,
        pre_norm: bool = False,
        self_attention: bool = True,
        cross_attention: bool = False,
        kv_dims: int | None = None,
        attn_dims: int | None = None,
        causal: bool = False,
    ):
        super().__init__()
        if not (self_attention or cross_attention):
            raise ValueError('a layer needs self_attention, cross_attention or both')
        common = dict(
            dropout=dropout, attn_drop=attn_drop, layer_norm_eps=layer_norm_eps, pre_norm=pre_norm
        )
        self.attention = (
            AttentionBlock(embed_dims, num_heads, attn_dims=attn_dims, causal=causal, **common)
            if self_attention
            else None
        )
        self.crossattention = (
            AttentionBlock(embed_dims, num_heads, kv_dims, attn_dims, **common)
            if cross_attention
            else None
        )
        self.intermediate = Intermediate(embed_dims, feedforward_channels, act)
        self.output = AddNormOutput(
            feedforward_channels, embed_dims, dropout, layer_norm_eps, pre_norm
        )

    def forward(
        self,
        hidden: torch.Tensor,
        attention_mask: torch.Tensor | None = None,
        encoder_hidden: torch.Tensor | None = None,
        encoder_attention_mask: torch.Tensor | None = None,
        attn_mask: torch.Tensor | None = None,
    ) -> torch.Tensor:
        """Args: hidden (B, L, C); attention_mask (B, L) 1 = token, 0 = pad; encoder_hidden
        (B, Lk, kv_dims) and encoder_attention_mask (B, Lk) for cross-attention; attn_mask an
        optional boolean (L, L) / (B, L, L) self-attention mask (True = attend)."""
        if self.attention is not None:
            hidden = self.attention(hidden, None, attention_mask, attn_mask)
        if self.crossattention is not None:
            if encoder_hidden is None:
                raise ValueError('this layer has cross-attention: pass encoder_hidden')
            hidden = self.crossattention(hidden, encoder_hidden, encoder_attention_mask)
        ffn_in = self.output.normalize_input(hidden)
        return self.output(self.intermediate(ffn_in), hidden)


@MODELS.register_module()
class TransformerEncoder(nn.Module):
    """A stack of :class:`TransformerEncoderLayer` (``layer.N``), BERT's ``BertEncoder`` layout.

    With ``pre_norm=True`` a final ``LayerNorm`` normalises the output of the stack.

    Args:
        num_layers: Number of layers.
        layer_cfg: Keyword arguments of every :class:`TransformerEncoderLayer`.

    Examples:
        >>> enc = TransformerEncoder(2, dict(embed_dims=32, num_heads=4, feedforward_channels=64))
        >>> enc(torch.randn(2, 6, 32)).shape
        torch.Size([2, 6, 32])
    """

    def __init__(self, num_layers: int, layer_cfg: dict):
        super().__init__()
        self.layer = nn.ModuleList(TransformerEncoderLayer(**layer_cfg) for _ in range(num_layers))
        pre_norm = layer_cfg.get('pre_norm', False)
        eps = layer_cfg.get('layer_norm_eps', 1e-12)
        self.LayerNorm = nn.LayerNorm(layer_cfg['embed_dims'], eps=eps) if pre_norm else None  # noqa: N815

    def forward(
        self,
        hidden: torch.Tensor,
        attention_mask: torch.Tensor | None = None,
        encoder_hidden: torch.Tensor | None = None,
        encoder_attention_mask: torch.Tensor | None = None,
        attn_mask: torch.Tensor | None = None,
        output_hidden_states: bool = False,
    ):
        """Returns the last hidden state, or ``(last, [input, after layer 1, ...])``."""
        states = [hidden]
        for layer in self.layer:
            hidden = layer(
                hidden, attention_mask, encoder_hidden, encoder_attention_mask, attn_mask
            )
            states.append(hidden)
        if self.LayerNorm is not None:
            hidden = self.LayerNorm(hidden)
            states[-1] = hidden
        return (hidden, states) if output_hidden_states else hidden
