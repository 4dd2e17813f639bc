"""AlexNet (Krizhevsky et al. 2012).

Five convolutions and three fully connected layers; the FC layers live in
``StackedLinearClsHead``. ``arch='paper'`` is the single-tower network of the paper (96-256-384-
384-256 filters, local response normalisation after conv1 and conv2); ``arch='torchvision'`` is
the "one weird trick" variant torchvision ships (64-192-384-256-256, no LRN), kept so parameter
counts can be checked against ``torchvision.models.alexnet``.
"""

import torch
import torch.nn as nn
from mmengine.model import BaseModule

from mmblog.registry import MODELS

from ..layers import build_norm2d


@MODELS.register_module()
class AlexNet(BaseModule):
    """AlexNet convolutional trunk; returns ``(feature_map,)`` pooled to ``pool_size``.

    Args:
        arch: ``'paper'`` (227x227 input, LRN) or ``'torchvision'`` (224x224, no LRN).
        in_channels: Input image channels.
        channels: Override the five conv widths (small CPU variants).
        norm_cfg: Normalisation after conv1 and conv2: ``dict(type='LRN', ...)``, ``dict(type='BN')``
            or ``None``; defaults to the arch's (LRN for the paper).
        pool_size: Output size of the final adaptive average pool (6 as in the paper; at the
            canonical input the map is already 6x6 so it is an identity).
    """

    # Each conv: (kernel, stride, padding); pools after conv1, conv2, conv5 (3x3, stride 2).
    arch_settings = {
        'paper': dict(
            channels=(96, 256, 384, 384, 256),
            convs=((11, 4, 0), (5, 1, 2), (3, 1, 1), (3, 1, 1), (3, 1, 1)),
            pool_padding=(0, 0, 0),
            norm_cfg=dict(type='LRN', size=5, alpha=1e-4, beta=0.75, k=2.0),
        ),
        'torchvision': dict(
            channels=(64, 192, 384, 256, 256),
            convs=((11, 4, 2), (5, 1, 2), (3, 1, 1), (3, 1, 1), (3, 1, 1)),
            pool_padding=(0, 0, 0),
            norm_cfg=None,
        ),
    }
    _unset = object()

    def __init__(
        self,
        arch: str = 'paper',
        in_channels: int = 3,
        channels: tuple | None = None,
        norm_cfg=_unset,
        pool_size: int = 6,
        init_cfg: dict | list | None = None,
    ):
        super().__init__(
            init_cfg=init_cfg
            or [
                dict(type='Kaiming', layer='Conv2d', nonlinearity='relu'),
                dict(type='Constant', layer='BatchNorm2d', val=1, bias=0),
            ]
        )
        if arch not in self.arch_settings:
            raise KeyError(
                f'unknown {type(self).__name__} arch {arch!r}; '
                f'choose from {list(self.arch_settings)}'
            )
        setting = self.arch_settings[arch]
        channels = tuple(channels or setting['channels'])
        if len(channels) != 5:
            raise ValueError(f'channels must have 5 entries, got {channels}')
        norm_cfg = setting['norm_cfg'] if norm_cfg is self._unset else norm_cfg
        layers, prev = [], in_channels
        for i, (out, (k, s, p)) in enumerate(zip(channels, setting['convs'])):
            layers += [nn.Conv2d(prev, out, k, s, p), nn.ReLU(inplace=True)]
            if i in (0, 1):
                # Paper section 3.5: normalisation follows ReLU of conv1/conv2, then max-pool.
                layers.append(build_norm2d(norm_cfg, out))
            if i in (0, 1, 4):
                layers.append(nn.MaxPool2d(3, 2, setting['pool_padding'][min(i, 2)]))
            prev = out
        self.features = nn.Sequential(*layers)
        self.avgpool = nn.AdaptiveAvgPool2d(pool_size)
        self.out_channels = prev

    def forward(self, x: torch.Tensor) -> tuple:
        return (self.avgpool(self.features(x)),)
