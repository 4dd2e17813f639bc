from .conv_module import BasicConv2d

__all__ = ['BasicConv2d']
