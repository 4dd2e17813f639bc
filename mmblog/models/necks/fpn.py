"""Feature Pyramid Network (Lin et al. 2017)."""

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmengine.model import BaseModule

from mmblog.registry import MODELS


@MODELS.register_module()
class FPN(BaseModule):
    """Top-down pathway with lateral 1x1 and output 3x3 convolutions.

    Args:
        in_channels: Channels of each backbone output.
        out_channels: Channels of every pyramid level.
        num_outs: Levels returned; extra levels come from stride-2 max pooling of the last
            output (``add_extra_convs=False``, Faster R-CNN's P6) or from stride-2 3x3 convs
            (``'on_input'``: on the last backbone map, ``'on_output'``: on the last output).
        start_level: First backbone output used.
        end_level: Last backbone output used (inclusive, as MMDetection's FPN); -1 means the
            last. Below the last, ``num_outs`` must equal the levels used and no extra levels
            are added.
        relu_before_extra_convs: ReLU before each extra conv after the first.

    Parameter names: ``lateral_convs.i`` / ``fpn_convs.i`` (torchvision's ``inner_blocks.i.0`` /
    ``layer_blocks.i.0``); the computation equals torchvision's FeaturePyramidNetwork +
    LastLevelMaxPool.
    """

    def __init__(
        self,
        in_channels: list,
        out_channels: int,
        num_outs: int,
        start_level: int = 0,
        add_extra_convs: bool | str = False,
        relu_before_extra_convs: bool = False,
        init_cfg=None,
        end_level: int = -1,
    ):
        super().__init__(
            init_cfg=init_cfg or dict(type='Xavier', layer='Conv2d', distribution='uniform')
        )
        self.in_channels = list(in_channels)
        n_in = len(self.in_channels)
        if end_level in (-1, n_in - 1):
            self.end_level = n_in
        else:
            if not start_level <= end_level < n_in:
                raise ValueError(
                    f'end_level={end_level} must be -1 or in [start_level={start_level}, {n_in})'
                )
            if num_outs != end_level - start_level + 1:
                raise ValueError(
                    f'with end_level={end_level} below the last input, num_outs must be '
                    f'{end_level - start_level + 1} (levels {start_level}..{end_level}), '
                    f'got {num_outs}'
                )
            self.end_level = end_level + 1
        self.start_level = start_level
        self.num_outs = num_outs
        used = self.in_channels[start_level : self.end_level]
        if num_outs < len(used):
            raise ValueError(f'num_outs={num_outs} is fewer than the {len(used)} used inputs')
        if add_extra_convs is True:
            add_extra_convs = 'on_input'
        if add_extra_convs not in (False, 'on_input', 'on_output'):
            raise ValueError(
                f"add_extra_convs must be False, 'on_input' or 'on_output', got {add_extra_convs!r}"
            )
        self.add_extra_convs = add_extra_convs
        self.relu_before_extra_convs = relu_before_extra_convs
        self.lateral_convs = nn.ModuleList(nn.Conv2d(c, out_channels, 1) for c in used)
        self.fpn_convs = nn.ModuleList(
            nn.Conv2d(out_channels, out_channels, 3, padding=1) for _ in used
        )
        n_extra = num_outs - len(used)
        if add_extra_convs:
            for i in range(n_extra):
                c = used[-1] if (i == 0 and add_extra_convs == 'on_input') else out_channels
                self.fpn_convs.append(nn.Conv2d(c, out_channels, 3, stride=2, padding=1))

    def top_lateral(self, c_top: torch.Tensor) -> torch.Tensor:
        """Lateral feature of the top level (the hook that augmented FPNs override)."""
        return self.lateral_convs[-1](c_top)

    def forward(self, inputs: tuple) -> tuple:
        if len(inputs) != len(self.in_channels):
            raise ValueError(f'FPN expects {len(self.in_channels)} inputs, got {len(inputs)}')
        x = list(inputs[self.start_level : self.end_level])
        n = len(x)
        last = self.top_lateral(x[-1])
        outs = [self.fpn_convs[n - 1](last)]
        for i in range(n - 2, -1, -1):
            lateral = self.lateral_convs[i](x[i])
            last = lateral + F.interpolate(last, size=lateral.shape[-2:], mode='nearest')
            outs.insert(0, self.fpn_convs[i](last))
        if self.num_outs > n:
            if not self.add_extra_convs:
                for _ in range(self.num_outs - n):
                    outs.append(F.max_pool2d(outs[-1], 1, stride=2))
            else:
                src = x[-1] if self.add_extra_convs == 'on_input' else outs[-1]
                outs.append(self.fpn_convs[n](src))
                for i in range(n + 1, self.num_outs):
                    prev = torch.relu(outs[-1]) if self.relu_before_extra_convs else outs[-1]
                    outs.append(self.fpn_convs[i](prev))
        return tuple(outs)
