"""ERNIE-ViL's image-stream input: region feature + FC(5-d location), with an [IMG] token."""

import torch
import torch.nn as nn

from mmblog.registry import MODELS


@MODELS.register_module()
class RegionEmbeddings(nn.Module):
    """``LN(FC(feature)) + LN(FC(location))`` per region, preceded by an [IMG] region.

    The [IMG] region is the mean feature of the image's regions with location
    ``(0, 0, 1, 1, 1)`` (the whole image), as in ERNIE-ViL / ViLBERT.

    Args:
        feat_dim: Detector feature width.
        embed_dims: Image-stream width.
        dropout: Dropout after the sum.

    Examples:
        >>> emb = RegionEmbeddings(feat_dim=8, embed_dims=16)
        >>> x, m = emb(torch.randn(2, 3, 8), torch.rand(2, 3, 5), torch.ones(2, 3, dtype=torch.bool))
        >>> x.shape, m.shape
        (torch.Size([2, 4, 16]), torch.Size([2, 4]))
    """

    def __init__(self, feat_dim: int, embed_dims: int, dropout: float = 0.1):
        super().__init__()
        self.feat_fc = nn.Linear(feat_dim, embed_dims)
        self.feat_norm = nn.LayerNorm(embed_dims, eps=1e-12)
        self.loc_fc = nn.Linear(5, embed_dims)
        self.loc_norm = nn.LayerNorm(embed_dims, eps=1e-12)
        self.dropout = nn.Dropout(dropout)

    def forward(
        self, feats: torch.Tensor, locs: torch.Tensor, mask: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """feats (B, R, D), locs (B, R, 5), mask (B, R) -> (B, 1 + R, C), mask (B, 1 + R)."""
        m = mask.to(feats.dtype)[..., None]
        mean = (feats * m).sum(1, keepdim=True) / m.sum(1, keepdim=True).clamp(min=1)
        whole = feats.new_tensor([0.0, 0.0, 1.0, 1.0, 1.0]).expand(len(feats), 1, 5)
        feats = torch.cat([mean, feats], 1)
        locs = torch.cat([whole, locs], 1)
        mask = torch.cat([mask.new_ones(len(mask), 1), mask], 1)
        x = self.feat_norm(self.feat_fc(feats)) + self.loc_norm(self.loc_fc(locs))
        return self.dropout(x), mask
