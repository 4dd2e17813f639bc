"""ERNIE's aggregator: one K-Encoder layer with the information-fusion layer."""

import torch
import torch.nn as nn

from mmblog.models.layers.transformer import AttentionBlock, build_activation
from mmblog.registry import MODELS


@MODELS.register_module()
class ErnieAggregator(nn.Module):
    """Token and entity multi-head self-attention, then information fusion (Zhang et al. 2019).

    With ``w~`` / ``e~`` the attended token / entity streams (each attention block already adds
    its residual and LayerNorm, as BERT's)::

        h_j = gelu(W_t w~_j + W_e e~_k + b)          (token j aligned to entity k)
        h_j = gelu(W_t w~_j + b)                      (no entity aligned to token j)
        w_j = LayerNorm_t(w~_j + gelu(W_t' h_j + b_t))
        e_k = LayerNorm_e(e~_k + gelu(W_e' h_j + b_e))

    The gelu on the two outputs is the paper's formula; ``output_act=None`` gives thunlp/ERNIE's
    code, which applies none (BERT's ``BertOutput``). The entity stream lives at token positions
    (an entity sits at the first token of its mention); its self-attention sees only aligned
    positions, and its output matters only there.

    Args:
        hidden_size: Token width (768 for base).
        entity_size: Entity width (TransE dim, 100 in ERNIE).
        num_heads / num_entity_heads: Attention heads of the two streams (12 / 4).
        intermediate_size: Width of ``h`` (3072 for base).
        dropout / attn_drop / layer_norm_eps: As BERT.
        output_act: Activation on ``W_t' h`` and ``W_e' h`` (``'gelu'`` or None).
    """

    def __init__(
        self,
        hidden_size: int,
        entity_size: int,
        num_heads: int,
        num_entity_heads: int,
        intermediate_size: int,
        dropout: float = 0.1,
        attn_drop: float = 0.1,
        layer_norm_eps: float = 1e-12,
        output_act: str | None = 'gelu',
    ):
        super().__init__()
        common = dict(dropout=dropout, attn_drop=attn_drop, layer_norm_eps=layer_norm_eps)
        self.attention = AttentionBlock(hidden_size, num_heads, **common)
        self.entity_attention = AttentionBlock(entity_size, num_entity_heads, **common)
        self.token_dense = nn.Linear(hidden_size, intermediate_size)  # W_t, b
        self.entity_dense = nn.Linear(entity_size, intermediate_size, bias=False)  # W_e
        self.act = build_activation('gelu')
        self.token_output = nn.Linear(intermediate_size, hidden_size)  # W_t', b_t
        self.entity_output = nn.Linear(intermediate_size, entity_size)  # W_e', b_e
        self.output_act = build_activation(output_act) if output_act else nn.Identity()
        self.token_norm = nn.LayerNorm(hidden_size, eps=layer_norm_eps)
        self.entity_norm = nn.LayerNorm(entity_size, eps=layer_norm_eps)
        self.dropout = nn.Dropout(dropout)

    def fuse(self, tokens: torch.Tensor, entities: torch.Tensor, ent_mask: torch.Tensor):
        """The information-fusion layer alone, on attended streams ``(B, L, C)``/``(B, L, E)``."""
        m = ent_mask.to(tokens.dtype)[..., None]
        h = self.act(self.token_dense(tokens) + m * self.entity_dense(entities))
        w = self.token_norm(tokens + self.dropout(self.output_act(self.token_output(h))))
        e = self.entity_norm(entities + self.dropout(self.output_act(self.entity_output(h))))
        return w, e

    def forward(
        self,
        tokens: torch.Tensor,
        entities: torch.Tensor,
        attention_mask: torch.Tensor,
        ent_mask: torch.Tensor,
    ):
        """tokens (B, L, C), entities (B, L, E), attention_mask / ent_mask (B, L) 1 = present."""
        tokens = self.attention(tokens, attention_mask=attention_mask)
        # A sequence without any aligned entity would mask every key (NaN softmax); let it
        # attend freely: its entity outputs are never used.
        has_any = ent_mask.bool().any(dim=1, keepdim=True)
        key_mask = ent_mask.bool() | ~has_any
        entities = self.entity_attention(entities, attention_mask=key_mask)
        return self.fuse(tokens, entities, ent_mask)
