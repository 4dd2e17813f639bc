"""GoogLeNet / Inception v1 (Szegedy et al. 2014).

``arch='paper'``: convolutions with biases, LRN in the stem, 5x5 convs in the third branch.
``arch='torchvision'``: BN after every conv, no LRN, and a 3x3 conv where the paper has 5x5
(torchvision's known deviation); kept so the parameter count can be checked against
``torchvision.models.googlenet``.

The backbone returns ``(inception4a, inception4d, inception5b)`` maps when ``aux_outputs`` is
set: the first two feed the two auxiliary heads (``InceptionAuxHead``), the last the main head.
"""

import torch
import torch.nn as nn
from mmengine.model import BaseModule

from mmblog.registry import MODELS

from ..layers import BasicConv2d


class InceptionModule(nn.Module):
    """Four branches: 1x1 | 1x1->3x3 | 1x1->5x5 | 3x3 max-pool->1x1, concatenated."""

    def __init__(
        self,
        in_channels,
        ch1x1,
        ch3x3red,
        ch3x3,
        ch5x5red,
        ch5x5,
        pool_proj,
        norm_cfg=None,
        kernel5=5,
    ):
        super().__init__()
        self.branch1 = BasicConv2d(in_channels, ch1x1, 1, norm_cfg=norm_cfg)
        self.branch2 = nn.Sequential(
            BasicConv2d(in_channels, ch3x3red, 1, norm_cfg=norm_cfg),
            BasicConv2d(ch3x3red, ch3x3, 3, padding=1, norm_cfg=norm_cfg),
        )
        self.branch3 = nn.Sequential(
            BasicConv2d(in_channels, ch5x5red, 1, norm_cfg=norm_cfg),
            BasicConv2d(ch5x5red, ch5x5, kernel5, padding=kernel5 // 2, norm_cfg=norm_cfg),
        )
        self.branch4 = nn.Sequential(
            nn.MaxPool2d(3, 1, 1, ceil_mode=True),
            BasicConv2d(in_channels, pool_proj, 1, norm_cfg=norm_cfg),
        )
        self.out_channels = ch1x1 + ch3x3 + ch5x5 + pool_proj

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cat([self.branch1(x), self.branch2(x), self.branch3(x), self.branch4(x)], 1)


@MODELS.register_module()
class GoogLeNet(BaseModule):
    """GoogLeNet trunk: stem, inception 3a-3b, 4a-4e, 5a-5b (table 1 of the paper).

    Args:
        arch: ``'paper'`` or ``'torchvision'`` (see the module docstring).
        in_channels: Input image channels.
        aux_outputs: Also return the inception 4a and 4d maps for the auxiliary heads.
        width_mult: Scale every width (1.0 = paper; smaller for CPU demos).
    """

    # name: (in, #1x1, #3x3 reduce, #3x3, #5x5 reduce, #5x5, pool proj)
    inception_settings = [
        ('inception3a', 192, 64, 96, 128, 16, 32, 32),
        ('inception3b', 256, 128, 128, 192, 32, 96, 64),
        ('inception4a', 480, 192, 96, 208, 16, 48, 64),
        ('inception4b', 512, 160, 112, 224, 24, 64, 64),
        ('inception4c', 512, 128, 128, 256, 24, 64, 64),
        ('inception4d', 512, 112, 144, 288, 32, 64, 64),
        ('inception4e', 528, 256, 160, 320, 32, 128, 128),
        ('inception5a', 832, 256, 160, 320, 32, 128, 128),
        ('inception5b', 832, 384, 192, 384, 48, 128, 128),
    ]
    arch_settings = {
        'paper': dict(norm_cfg=None, lrn=True, kernel5=5),
        'torchvision': dict(norm_cfg=dict(type='BN', eps=1e-3), lrn=False, kernel5=3),
    }

    def __init__(
        self,
        arch: str = 'paper',
        in_channels: int = 3,
        aux_outputs: bool = True,
        width_mult: float = 1.0,
        init_cfg: dict | list | None = None,
    ):
        super().__init__(
            # Kaiming rather than torchvision's std-0.01 Gaussian: without BN (the paper arch)
            # 22 layers of std-0.01 convs shrink the signal to nothing.
            init_cfg=init_cfg
            or [
                dict(type='Kaiming', layer='Conv2d', mode='fan_in', nonlinearity='relu'),
                dict(type='Constant', layer='BatchNorm2d', val=1, bias=0),
            ]
        )
        if arch not in self.arch_settings:
            raise KeyError(
                f'unknown GoogLeNet arch {arch!r}; choose from {list(self.arch_settings)}'
            )
        setting = self.arch_settings[arch]
        norm_cfg = setting['norm_cfg']
        self.aux_outputs = aux_outputs

        def w(c):
            return max(1, int(round(c * width_mult)))

        lrn = [nn.LocalResponseNorm(5, 1e-4, 0.75, 2.0)] if setting['lrn'] else []
        self.stem = nn.Sequential(
            BasicConv2d(in_channels, w(64), 7, 2, 3, norm_cfg=norm_cfg),
            nn.MaxPool2d(3, 2, ceil_mode=True),
            *lrn,
            BasicConv2d(w(64), w(64), 1, norm_cfg=norm_cfg),
            BasicConv2d(w(64), w(192), 3, padding=1, norm_cfg=norm_cfg),
            *lrn,
            nn.MaxPool2d(3, 2, ceil_mode=True),
        )
        prev = w(192)
        for name, _, *widths in self.inception_settings:
            module = InceptionModule(
                prev, *[w(c) for c in widths], norm_cfg=norm_cfg, kernel5=setting['kernel5']
            )
            self.add_module(name, module)
            prev = module.out_channels
            if name == 'inception3b':
                self.maxpool3 = nn.MaxPool2d(3, 2, ceil_mode=True)
            elif name == 'inception4e':
                self.maxpool4 = nn.MaxPool2d(2, 2, ceil_mode=True)
        self.out_channels = prev
        self.aux_in_channels = (self.inception4a.out_channels, self.inception4d.out_channels)

    def forward(self, x: torch.Tensor) -> tuple:
        x = self.stem(x)
        x = self.maxpool3(self.inception3b(self.inception3a(x)))
        aux1 = x = self.inception4a(x)
        x = self.inception4d(self.inception4c(self.inception4b(x)))
        aux2 = x
        x = self.maxpool4(self.inception4e(x))
        x = self.inception5b(self.inception5a(x))
        return (aux1, aux2, x) if self.aux_outputs else (x,)
