"""ResNet-18/34/50/101/152 (He et al. 2016), shared by classification and detection.

Parameter names equal torchvision's (``conv1``, ``bn1``, ``layer1.0.downsample.0`` ...), so a
torchvision state_dict loads directly and parameter counts match.
"""

import torch
import torch.nn as nn
from mmengine.model import BaseModule
from torch.nn.modules.batchnorm import _BatchNorm

from mmblog.registry import MODELS

from ..layers import build_norm2d


class BasicBlock(nn.Module):
    """Two 3x3 convolutions with an identity (or projection) shortcut."""

    expansion = 1

    def __init__(self, inplanes, planes, stride=1, downsample=None, style='pytorch', norm_cfg=None):
        super().__init__()
        norm_cfg = norm_cfg or dict(type='BN')
        self.conv1 = nn.Conv2d(inplanes, planes, 3, stride, 1, bias=False)
        self.bn1 = build_norm2d(norm_cfg, planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = build_norm2d(norm_cfg, planes)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        # In place, as torchvision does: a fresh tensor per block costs ~8% of a CPU train step.
        out += x if self.downsample is None else self.downsample(x)
        return self.relu(out)


class Bottleneck(nn.Module):
    """1x1 -> 3x3 -> 1x1 bottleneck.

    ``style='pytorch'`` strides in the 3x3 conv; ``'caffe'`` (the original MSRA weights, used by
    the seed's ``*_caffe_*`` detection configs) strides in the first 1x1 conv.
    """

    expansion = 4

    def __init__(self, inplanes, planes, stride=1, downsample=None, style='pytorch', norm_cfg=None):
        super().__init__()
        if style not in ('pytorch', 'caffe'):
            raise ValueError(f"style must be 'pytorch' or 'caffe', got {style!r}")
        norm_cfg = norm_cfg or dict(type='BN')
        stride1, stride2 = (1, stride) if style == 'pytorch' else (stride, 1)
        self.conv1 = nn.Conv2d(inplanes, planes, 1, stride1, bias=False)
        self.bn1 = build_norm2d(norm_cfg, planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride2, 1, bias=False)
        self.bn2 = build_norm2d(norm_cfg, planes)
        self.conv3 = nn.Conv2d(planes, planes * self.expansion, 1, bias=False)
        self.bn3 = build_norm2d(norm_cfg, planes * self.expansion)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        out += x if self.downsample is None else self.downsample(x)
        return self.relu(out)


@MODELS.register_module()
class ResNet(BaseModule):
    """ResNet backbone returning the feature maps of ``out_indices`` (0..3 = layer1..layer4).

    Args:
        depth: 18, 34, 50, 101 or 152.
        in_channels: Input image channels.
        out_indices: Stages whose outputs are returned (a tuple, even for one stage).
        style: ``'pytorch'`` or ``'caffe'`` (where the stride-2 conv of a bottleneck sits).
        frozen_stages: Stages (and the stem) to freeze; -1 freezes nothing, 0 the stem only.
        norm_cfg: ``dict(type='BN'|'SyncBN'|'GN', requires_grad=bool)``.
        norm_eval: Keep BatchNorm layers in eval mode while training (detection fine-tuning).
        zero_init_residual: Zero the last BN of every block (Goyal et al.), as torchvision allows.
        init_cfg: mmengine init config; defaults to Kaiming for convs and ones/zeros for BN.
        base_channels: Width of the stem and first stage (64; smaller = a thin ResNet for
            CPU demos, widths then differ from torchvision's).
    """

    arch_settings = {
        18: (BasicBlock, (2, 2, 2, 2)),
        34: (BasicBlock, (3, 4, 6, 3)),
        50: (Bottleneck, (3, 4, 6, 3)),
        101: (Bottleneck, (3, 4, 23, 3)),
        152: (Bottleneck, (3, 8, 36, 3)),
    }

    def __init__(
        self,
        depth: int = 50,
        in_channels: int = 3,
        out_indices: tuple = (0, 1, 2, 3),
        style: str = 'pytorch',
        frozen_stages: int = -1,
        norm_cfg: dict | None = None,
        norm_eval: bool = False,
        zero_init_residual: bool = False,
        init_cfg: dict | list | None = None,
        base_channels: int = 64,
    ):
        super().__init__(
            init_cfg=init_cfg
            or [
                dict(type='Kaiming', layer='Conv2d', mode='fan_out', nonlinearity='relu'),
                dict(type='Constant', layer=['_BatchNorm', 'GroupNorm'], val=1, bias=0),
            ]
        )
        if depth not in self.arch_settings:
            raise KeyError(
                f'invalid depth {depth} for ResNet; choose from {list(self.arch_settings)}'
            )
        if not set(out_indices) <= {0, 1, 2, 3}:
            raise ValueError(f'out_indices must be within 0..3, got {out_indices}')
        self.depth = depth
        self.out_indices = tuple(out_indices)
        self.frozen_stages = frozen_stages
        self.norm_eval = norm_eval
        self.zero_init_residual = zero_init_residual
        norm_cfg = norm_cfg or dict(type='BN', requires_grad=True)
        block, stage_blocks = self.arch_settings[depth]

        self.conv1 = nn.Conv2d(in_channels, base_channels, 7, 2, 3, bias=False)
        self.bn1 = build_norm2d(norm_cfg, base_channels)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)

        self.inplanes = base_channels
        self.out_channels = []
        for i, num_blocks in enumerate(stage_blocks):
            planes = base_channels * 2**i
            stride = 1 if i == 0 else 2
            layer = self._make_layer(block, planes, num_blocks, stride, style, norm_cfg)
            self.add_module(f'layer{i + 1}', layer)
            self.out_channels.append(planes * block.expansion)
        self._freeze_stages()

    def _make_layer(self, block, planes, num_blocks, stride, style, norm_cfg) -> nn.Sequential:
        downsample = None
        if stride != 1 or self.inplanes != planes * block.expansion:
            downsample = nn.Sequential(
                nn.Conv2d(self.inplanes, planes * block.expansion, 1, stride, bias=False),
                build_norm2d(norm_cfg, planes * block.expansion),
            )
        layers = [block(self.inplanes, planes, stride, downsample, style, norm_cfg)]
        self.inplanes = planes * block.expansion
        for _ in range(1, num_blocks):
            layers.append(block(self.inplanes, planes, 1, None, style, norm_cfg))
        return nn.Sequential(*layers)

    def init_weights(self) -> None:
        super().init_weights()
        if self.zero_init_residual:
            for m in self.modules():
                last_bn = getattr(m, 'bn3', None) if isinstance(m, Bottleneck) else None
                if isinstance(m, BasicBlock):
                    last_bn = m.bn2
                if last_bn is not None:
                    nn.init.zeros_(last_bn.weight)

    def _freeze_stages(self) -> None:
        if self.frozen_stages >= 0:
            for m in (self.conv1, self.bn1):
                m.eval()
                for p in m.parameters():
                    p.requires_grad_(False)
        for i in range(1, self.frozen_stages + 1):
            layer = getattr(self, f'layer{i}')
            layer.eval()
            for p in layer.parameters():
                p.requires_grad_(False)

    def forward(self, x: torch.Tensor) -> tuple:
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        outs = []
        for i in range(4):
            x = getattr(self, f'layer{i + 1}')(x)
            if i in self.out_indices:
                outs.append(x)
        return tuple(outs)

    def train(self, mode: bool = True) -> 'ResNet':
        super().train(mode)
        self._freeze_stages()
        if mode and self.norm_eval:
            for m in self.modules():
                if isinstance(m, _BatchNorm):
                    m.eval()
        return self
