from .zero_before_backward import ZeroBeforeBackwardOptimWrapper

__all__ = ['ZeroBeforeBackwardOptimWrapper']
