"""Anchor generator of the RPN (torchvision's cell anchors, MMDetection's arguments)."""

import torch
from torchvision.models.detection.anchor_utils import AnchorGenerator as _TVAnchorGenerator

from mmblog.registry import TASK_UTILS


@TASK_UTILS.register_module()
class AnchorGenerator(_TVAnchorGenerator):
    """Anchors at every location of every feature level.

    Args:
        strides: Nominal stride of each level (4, 8, 16, 32, 64 for FPN P2-P6).
        ratios: Height/width ratios of the anchors.
        scales: Anchor sizes in units of the level's stride (``8`` -> 32..512 px on FPN).
        base_sizes: Absolute sizes per level instead of ``scales * strides``.

    The cell anchors are torchvision's (centred on the location's top-left pixel, rounded), and
    the per-level stride is ``padded input size // feature size`` as in torchvision, so a
    torchvision checkpoint sees exactly its own anchors.
    """

    def __init__(
        self,
        strides: list,
        ratios: list,
        scales: list | None = None,
        base_sizes: list | None = None,
    ):
        if (scales is None) == (base_sizes is None):
            raise ValueError('give exactly one of scales (x stride) or base_sizes')
        if base_sizes is not None:
            if len(base_sizes) != len(strides):
                raise ValueError(f'{len(base_sizes)} base_sizes for {len(strides)} strides')
            sizes = tuple((int(s),) for s in base_sizes)
        else:
            sizes = tuple(tuple(int(sc * st) for sc in scales) for st in strides)
        super().__init__(sizes=sizes, aspect_ratios=(tuple(ratios),) * len(strides))
        self.strides = list(strides)

    @property
    def num_base_anchors(self) -> list:
        """Anchors per location of each level."""
        return self.num_anchors_per_location()

    def grid_priors(self, featmap_sizes: list, input_shape: tuple, device='cpu') -> list:
        """Per-level anchors ``(H*W*A, 4)`` (xyxy, row-major over locations, then anchors)."""
        self.set_cell_anchors(torch.float32, torch.device(device))
        strides = [
            [
                torch.empty((), dtype=torch.int64, device=device).fill_(input_shape[0] // h),
                torch.empty((), dtype=torch.int64, device=device).fill_(input_shape[1] // w),
            ]
            for h, w in featmap_sizes
        ]
        return self.grid_anchors([list(s) for s in featmap_sizes], strides)
