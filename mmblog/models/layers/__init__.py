"""Generic bricks shared by several models (import them from here, not from a model's folder)."""

from .basic_conv2d import BasicConv2d
from .norm import LRN, build_norm2d
from .weight_init import kaiming_conv_init_cfg

__all__ = ['LRN', 'BasicConv2d', 'build_norm2d', 'kaiming_conv_init_cfg']
