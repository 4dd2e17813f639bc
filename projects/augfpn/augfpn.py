"""A user-written neck kept OUTSIDE the mmblog package (seed 001, "customized models").

Configs load it with::

    custom_imports = dict(imports=['projects.augfpn.augfpn'], allow_failed_imports=False)

AugFPN (Guo et al., CVPR 2020) adds Residual Feature Augmentation to FPN: the top backbone map
is pooled at several ratios of its size, each context map is projected, upsampled back and fused
with learned per-pixel weights, and the result is added to the top lateral feature, so the top
of the pyramid carries multi-scale context instead of losing information to channel reduction.
"""

import torch
import torch.nn as nn
import torch.nn.functional as F

from mmblog.models.necks.fpn import FPN
from mmblog.registry import MODELS


@MODELS.register_module()
class AugFPN(FPN):
    """FPN with Residual Feature Augmentation on the top level.

    Args:
        in_channels, out_channels, num_outs, start_level, add_extra_convs: As :class:`FPN`.
        pool_ratios: Sizes of the adaptive context pools relative to the top map.
    """

    def __init__(
        self,
        in_channels: list,
        out_channels: int,
        num_outs: int,
        start_level: int = 0,
        end_level: int = -1,
        add_extra_convs: bool | str = False,
        pool_ratios: tuple = (0.1, 0.2, 0.3),
        init_cfg=None,
    ):
        if end_level not in (-1, len(in_channels) - 1):
            raise ValueError('AugFPN uses the backbone outputs up to the last (end_level=-1)')
        super().__init__(
            in_channels, out_channels, num_outs, start_level, add_extra_convs, init_cfg=init_cfg
        )
        self.pool_ratios = tuple(pool_ratios)
        top = in_channels[-1]
        self.context_convs = nn.ModuleList(nn.Conv2d(top, out_channels, 1) for _ in pool_ratios)
        n = len(pool_ratios)
        self.fusion = nn.Sequential(
            nn.Conv2d(out_channels * n, out_channels, 1),
            nn.ReLU(inplace=True),
            nn.Conv2d(out_channels, out_channels, 3, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(out_channels, n, 3, padding=1),
        )

    def residual_feature(self, c_top: torch.Tensor) -> torch.Tensor:
        """Context of the top map at several scales, fused with softmax spatial weights."""
        h, w = c_top.shape[-2:]
        ctx = []
        for ratio, conv in zip(self.pool_ratios, self.context_convs):
            size = (max(1, int(h * ratio)), max(1, int(w * ratio)))
            pooled = conv(F.adaptive_avg_pool2d(c_top, size))
            ctx.append(F.interpolate(pooled, size=(h, w), mode='bilinear', align_corners=False))
        weights = torch.softmax(self.fusion(torch.cat(ctx, 1)), dim=1)
        return sum(weights[:, i : i + 1] * c for i, c in enumerate(ctx))

    def top_lateral(self, c_top: torch.Tensor) -> torch.Tensor:
        return self.lateral_convs[-1](c_top) + self.residual_feature(c_top)
