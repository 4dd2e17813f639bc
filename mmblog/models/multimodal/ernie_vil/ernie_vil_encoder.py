"""ERNIE-ViL's two-stream cross-modal encoder (ViLBERT layout) on mmblog's SDPA layers."""

import torch
import torch.nn as nn

from mmblog.models.layers.transformer import (
    CoAttentionLayer,
    TextEmbeddings,
    TransformerEncoderLayer,
)
from mmblog.registry import MODELS

from .region_embeddings import RegionEmbeddings


@MODELS.register_module()
class ErnieVilEncoder(nn.Module):
    """Text stream and image-region stream joined by co-attention blocks.

    Text: word + position embeddings, ``num_text_layers`` self-attention layers. Image:
    :class:`RegionEmbeddings` ([IMG] + regions). Then ``num_co_layers`` blocks, each a
    :class:`CoAttentionLayer` (each stream attends to the other) followed by a self-attention
    layer per stream. Pooled outputs: [CLS] and [IMG] through their own poolers (to
    ``fusion_dims``), fused by element-wise product (the matching representation).

    Args:
        vocab_size: Token ids.
        feat_dim: Region feature width.
        text_dims / image_dims: Stream widths (reference 768 / 1024).
        num_heads: Attention heads of both streams.
        text_ffn / image_ffn: Feed-forward widths.
        num_text_layers: Text-only layers before the co-attention blocks.
        num_co_layers: Co-attention blocks.
        fusion_dims: Width of the pooled, fused representation.
        max_position_embeddings: Text positions.
        pad_token_id: Padding id.
        dropout: Dropout of embeddings, projections and attention.
    """

    def __init__(
        self,
        vocab_size: int,
        feat_dim: int,
        text_dims: int = 768,
        image_dims: int = 1024,
        num_heads: int = 12,
        text_ffn: int = 3072,
        image_ffn: int = 1024,
        num_text_layers: int = 6,
        num_co_layers: int = 6,
        fusion_dims: int = 1024,
        max_position_embeddings: int = 512,
        pad_token_id: int = 0,
        dropout: float = 0.1,
    ):
        super().__init__()
        common = dict(num_heads=num_heads, dropout=dropout, attn_drop=dropout)
        self.text_embeddings = TextEmbeddings(
            vocab_size,
            text_dims,
            max_position_embeddings,
            pad_token_id=pad_token_id,
            dropout=dropout,
        )
        self.region_embeddings = RegionEmbeddings(feat_dim, image_dims, dropout)
        self.text_layers = nn.ModuleList(
            TransformerEncoderLayer(text_dims, feedforward_channels=text_ffn, **common)
            for _ in range(num_text_layers)
        )
        self.co_layers = nn.ModuleList(
            CoAttentionLayer(
                text_dims,
                image_dims,
                num_heads,
                text_ffn,
                image_ffn,
                dropout=dropout,
                attn_drop=dropout,
            )
            for _ in range(num_co_layers)
        )
        self.text_self = nn.ModuleList(
            TransformerEncoderLayer(text_dims, feedforward_channels=text_ffn, **common)
            for _ in range(num_co_layers)
        )
        self.image_self = nn.ModuleList(
            TransformerEncoderLayer(image_dims, feedforward_channels=image_ffn, **common)
            for _ in range(num_co_layers)
        )
        self.text_pooler = nn.Sequential(nn.Linear(text_dims, fusion_dims), nn.ReLU())
        self.image_pooler = nn.Sequential(nn.Linear(image_dims, fusion_dims), nn.ReLU())
        self.text_dims, self.image_dims, self.fusion_dims = text_dims, image_dims, fusion_dims

    def forward(
        self,
        input_ids: torch.Tensor,
        text_mask: torch.Tensor,
        region_feats: torch.Tensor,
        region_locs: torch.Tensor,
        region_mask: torch.Tensor,
    ) -> dict:
        """Returns ``text`` (B, L, Ct), ``image`` (B, 1 + R, Ci) with [IMG] first,
        ``image_mask`` (B, 1 + R) and ``pooled`` (B, fusion_dims) = pool(CLS) * pool(IMG)."""
        t = self.text_embeddings(input_ids)
        tm = text_mask.long()
        for layer in self.text_layers:
            t = layer(t, tm)
        v, vmask = self.region_embeddings(region_feats, region_locs, region_mask)
        vm = vmask.long()
        for co, ts, vs in zip(self.co_layers, self.text_self, self.image_self):
            t, v = co(t, v, tm, vm)
            t, v = ts(t, tm), vs(v, vm)
        pooled = self.text_pooler(t[:, 0]) * self.image_pooler(v[:, 0])
        return dict(text=t, image=v, image_mask=vmask, pooled=pooled)
