"""HERO's hierarchical encoder (cross-modal per subtitle, then temporal) and the flat F-TRM."""

import torch
from torch import nn

from mmblog.models.layers.transformer import TextEmbeddings, TransformerEncoder
from mmblog.registry import MODELS

from .frame_embeddings import FrameEmbeddings


@MODELS.register_module()
class HEROEncoder(nn.Module):
    """Encode a batch of videos with subtitles (the ``hero_collate`` layout).

    ``hierarchical=True`` (HERO, H-TRM): each subtitle's tokens with the frames it owns go
    through the cross-modal transformer (frames carry their position inside the segment); all
    frames then go through the temporal transformer with the residual from V_emb,
    ``V_temp = f_temp(V_emb + V_cross)`` plus the clip-level frame positions (added here, after
    an optional frame reordering, so FOM cannot read the order off the positions).
    ``hierarchical=False`` (F-TRM): one transformer over all frames and all subtitle tokens of
    a video (the cross-modal stack, with ``num_cross_layers + num_temporal_layers`` layers).

    Args:
        feat_dim: Frame feature size.
        vocab_size / pad_token_id: Text vocabulary.
        embed_dims / num_heads / feedforward_channels: Transformer size (HERO: 768 / 12 / 3072).
        num_cross_layers / num_temporal_layers: HERO: 6 / 3.
        max_frames / max_text_positions: Position slots.
        dropout: Hidden and attention dropout.
    """

    def __init__(
        self,
        feat_dim: int,
        vocab_size: int,
        pad_token_id: int = 0,
        embed_dims: int = 768,
        num_heads: int = 12,
        feedforward_channels: int = 3072,
        num_cross_layers: int = 6,
        num_temporal_layers: int = 3,
        max_frames: int = 100,
        max_text_positions: int = 512,
        dropout: float = 0.1,
        hierarchical: bool = True,
    ) -> None:
        super().__init__()
        self.hierarchical = hierarchical
        self.text_embeddings = TextEmbeddings(
            vocab_size,
            embed_dims,
            max_text_positions,
            type_vocab_size=0,
            pad_token_id=pad_token_id,
            dropout=dropout,
        )
        self.frame_embeddings = FrameEmbeddings(feat_dim, embed_dims, max_frames, dropout)
        layer = dict(
            embed_dims=embed_dims,
            num_heads=num_heads,
            feedforward_channels=feedforward_channels,
            dropout=dropout,
            attn_drop=dropout,
        )
        n_cross = num_cross_layers if hierarchical else num_cross_layers + num_temporal_layers
        self.cross = TransformerEncoder(n_cross, layer)
        if hierarchical:
            self.temporal_positions = nn.Embedding(max_frames, embed_dims)
            self.temporal_norm = nn.LayerNorm(embed_dims, eps=1e-12)
            self.temporal = TransformerEncoder(num_temporal_layers, layer)
        self.embed_dims = embed_dims

    # ------------------------------------------------------------------------------ text only
    def encode_text(self, tokens: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """``f_cross(0, W_emb)``: a query or an answer without frames -> (B, L, C)."""
        return self.cross(self.text_embeddings(tokens), attention_mask=mask)

    # ---------------------------------------------------------------------------- video + text
    def forward(
        self,
        inputs: dict,
        frame_masked: torch.Tensor | None = None,
        token_mask_out: torch.Tensor | None = None,
        reorder: torch.Tensor | None = None,
    ) -> dict:
        """Args:
            inputs: ``hero_collate`` inputs (frames, frame_mask, seg_*).
            frame_masked: (B, T) frames to hide (MFM): features zeroed, mask embedding added.
            token_mask_out: (N,) segments whose text is removed (the VSM query subtitle).
            reorder: (B, T) source frame for each temporal position (FOM), or None.

        Returns:
            ``v_temp`` (B, T, C), ``w_cross`` (N, L, C) token outputs, ``v_emb`` (B, T, C) and,
            hierarchical, ``v_cross`` (B, T, C).
        """
        frames, frame_mask = inputs['frames'], inputs['frame_mask']
        b, t, _ = frames.shape
        seg_frames, seg_tokens = inputs['seg_frames'], inputs['seg_tokens']
        tok_mask = inputs['seg_token_mask']
        if token_mask_out is not None:
            tok_mask = tok_mask & ~token_mask_out[:, None]
        if frame_masked is not None:
            frames = frames * (~frame_masked)[..., None].to(frames.dtype)
        valid = seg_frames >= 0
        flat_idx = seg_frames.clamp(min=0)
        if self.hierarchical:
            # Position of each frame inside its segment.
            pos = torch.zeros(b * t, dtype=torch.long, device=frames.device)
            k_pos = torch.arange(seg_frames.shape[1], device=frames.device).expand_as(seg_frames)
            pos[flat_idx[valid]] = k_pos[valid]
        else:
            pos = torch.arange(t, device=frames.device).repeat(b)
        masked_flat = None if frame_masked is None else frame_masked.reshape(-1)
        v_emb = self.frame_embeddings(frames.reshape(b * t, -1), pos, masked_flat)
        w_emb = self.text_embeddings(seg_tokens)
        if self.hierarchical:
            seg_v = v_emb[flat_idx] * valid[..., None]
            out = self.cross(
                torch.cat([seg_v, w_emb], 1), attention_mask=torch.cat([valid, tok_mask], 1)
            )
            k = seg_frames.shape[1]
            v_cross = torch.zeros_like(v_emb)
            v_cross[flat_idx[valid]] = out[:, :k][valid]
            w_cross = out[:, k:]
            x = (v_emb + v_cross).view(b, t, -1)
            if reorder is not None:
                x = x.gather(1, reorder[..., None].expand_as(x))
            x = self.temporal_norm(x + self.temporal_positions.weight[:t])
            v_temp = self.temporal(x, attention_mask=frame_mask)
            return dict(
                v_temp=v_temp,
                w_cross=w_cross,
                v_emb=v_emb.view(b, t, -1),
                v_cross=v_cross.view(b, t, -1),
            )
        return self._flat(v_emb.view(b, t, -1), frame_mask, w_emb, tok_mask, inputs, reorder)

    def _flat(self, v_emb, frame_mask, w_emb, tok_mask, inputs, reorder) -> dict:
        """F-TRM: [all frames ; all subtitle tokens of the video] through one encoder."""
        b, t, c = v_emb.shape
        seg_video = inputs['seg_video']
        n, length = tok_mask.shape
        # Token slots of each video, segment after segment.
        per_video = [(seg_video == i).nonzero().flatten() for i in range(b)]
        width = max(int(tok_mask[s].sum()) for s in per_video) if n else 0
        width = max(width, 1)
        text = v_emb.new_zeros(b, width, c)
        text_mask = torch.zeros(b, width, dtype=torch.bool, device=v_emb.device)
        where = []  # (video, slot) of each kept token, to scatter outputs back
        for i, segs in enumerate(per_video):
            m = tok_mask[segs]
            toks = w_emb[segs][m]
            text[i, : len(toks)] = toks
            text_mask[i, : len(toks)] = True
            where.append((segs, m))
        if reorder is not None:
            raise ValueError(
                'frame reordering (FOM) needs the hierarchical encoder: the flat '
                'one adds clip positions before fusion'
            )
        out = self.cross(
            torch.cat([v_emb, text], 1), attention_mask=torch.cat([frame_mask, text_mask], 1)
        )
        w_cross = w_emb.new_zeros(n, length, c)
        for i, (segs, m) in enumerate(where):
            rows = w_cross[segs]
            rows[m] = out[i, t : t + int(m.sum())]
            w_cross[segs] = rows
        return dict(v_temp=out[:, :t], w_cross=w_cross, v_emb=v_emb)
