"""Generic bricks shared by several models (import them from here, not from a model's folder)."""

from .basic_conv2d import BasicConv2d
from .norm import LRN, build_norm2d
from .transformer import *  # noqa: F401,F403
from .transformer import __all__ as _transformer_all
from .vq_res_block import VQResBlock
from .weight_init import kaiming_conv_init_cfg

__all__ = [
    'LRN',
    'BasicConv2d',
    'VQResBlock',
    'build_norm2d',
    'kaiming_conv_init_cfg',
    *_transformer_all,
]
