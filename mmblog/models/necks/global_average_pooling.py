"""Global average pooling neck."""

import torch
import torch.nn as nn

from mmblog.registry import MODELS


@MODELS.register_module()
class GlobalAveragePooling(nn.Module):
    """Average each feature map to a vector; keeps the tuple structure of multi-level inputs."""

    def __init__(self):
        super().__init__()
        self.pool = nn.AdaptiveAvgPool2d(1)

    def forward(self, inputs):
        if isinstance(inputs, (tuple, list)):
            return tuple(self.pool(x).flatten(1) for x in inputs)
        if isinstance(inputs, torch.Tensor):
            return self.pool(inputs).flatten(1)
        raise TypeError(f'GlobalAveragePooling expects a tensor or a tuple, got {type(inputs)}')
