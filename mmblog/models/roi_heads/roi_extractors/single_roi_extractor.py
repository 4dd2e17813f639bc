"""RoIAlign over the FPN level that matches each RoI's size (FPN paper, eq. 1)."""

import torch
from mmengine.model import BaseModule
from torchvision.ops import roi_align

from mmblog.registry import MODELS


@MODELS.register_module()
class SingleRoIExtractor(BaseModule):
    """Pool each RoI from one pyramid level: ``floor(log2(sqrt(area) / finest_scale))``.

    Args:
        roi_layer: ``dict(type='RoIAlign', output_size, sampling_ratio, aligned)``.
            ``aligned=False, sampling_ratio=2`` is torchvision's MultiScaleRoIAlign.
        out_channels: Channels of the pooled features.
        featmap_strides: Strides of the levels RoIs may come from (4, 8, 16, 32).
        finest_scale: RoIs smaller than this map to level 0 (56 = torchvision's 224 / 2**2).
    """

    def __init__(
        self,
        roi_layer: dict,
        out_channels: int,
        featmap_strides: list,
        finest_scale: int = 56,
        init_cfg=None,
    ):
        super().__init__(init_cfg=init_cfg)
        if roi_layer.get('type', 'RoIAlign') != 'RoIAlign':
            raise ValueError(
                f"only roi_layer type 'RoIAlign' is supported, got {roi_layer['type']!r}"
            )
        size = roi_layer['output_size']
        self.output_size = (size, size) if isinstance(size, int) else tuple(size)
        self.sampling_ratio = int(roi_layer.get('sampling_ratio', 0))
        self.aligned = bool(roi_layer.get('aligned', True))
        self.out_channels = out_channels
        self.featmap_strides = list(featmap_strides)
        self.finest_scale = finest_scale

    @property
    def num_inputs(self) -> int:
        return len(self.featmap_strides)

    def map_roi_levels(self, rois: torch.Tensor) -> torch.Tensor:
        """Level index of each RoI (K, 5)."""
        wh = (rois[:, 3] - rois[:, 1]) * (rois[:, 4] - rois[:, 2])
        s = torch.sqrt(wh)
        # torchvision's LevelMapper expression (k0=4, canonical size 4 * finest_scale), kept
        # literally so a converted torchvision model pools bit-identical features
        k0, s0 = 4, self.finest_scale * 4
        lvl = torch.floor(k0 + torch.log2(s / s0) + torch.tensor(1e-6, dtype=s.dtype))
        # level k (stride 2**k) starts at index 0 for RoIs of finest_scale..2*finest_scale
        return torch.clamp(lvl.to(torch.int64) - 2, min=0, max=self.num_inputs - 1)

    def forward(self, feats: tuple, rois: torch.Tensor) -> torch.Tensor:
        """Pooled features (K, C, *output_size) of ``rois`` (K, 5: batch index, x1, y1, x2, y2)."""
        feats = feats[: self.num_inputs]
        if len(feats) == 1:
            return roi_align(
                feats[0],
                rois,
                self.output_size,
                1.0 / self.featmap_strides[0],
                self.sampling_ratio,
                self.aligned,
            )
        levels = self.map_roi_levels(rois)
        out = rois.new_zeros(
            (rois.shape[0], feats[0].shape[1], *self.output_size), dtype=feats[0].dtype
        )
        for lvl, (feat, stride) in enumerate(zip(feats, self.featmap_strides)):
            idx = torch.where(levels == lvl)[0]
            if idx.numel() == 0:
                continue
            out[idx] = roi_align(
                feat, rois[idx], self.output_size, 1.0 / stride, self.sampling_ratio, self.aligned
            ).to(out.dtype)
        return out
