from .zero_before_backward_optim_wrapper import ZeroBeforeBackwardOptimWrapper

__all__ = ['ZeroBeforeBackwardOptimWrapper']
