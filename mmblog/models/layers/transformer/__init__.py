"""Transformer bricks on SDPA with Hugging Face BERT parameter names (shared by text models)."""

from .attention import MultiheadAttention, build_attention_bias
from .co_attention_layer import CoAttentionLayer
from .embeddings import TextEmbeddings, padding_aware_position_ids
from .encoder_layer import (
    AddNormOutput,
    AttentionBlock,
    Intermediate,
    TransformerEncoder,
    TransformerEncoderLayer,
    build_activation,
)
from .masked_lm_head import MaskedLMHead
from .pooler import Pooler

__all__ = [
    'AddNormOutput',
    'AttentionBlock',
    'CoAttentionLayer',
    'Intermediate',
    'MaskedLMHead',
    'MultiheadAttention',
    'Pooler',
    'TextEmbeddings',
    'TransformerEncoder',
    'TransformerEncoderLayer',
    'build_activation',
    'build_attention_bias',
    'padding_aware_position_ids',
]
