"""Mixed precision with the gradient clearing of ``ZeroBeforeBackwardOptimWrapper``."""

from mmengine.optim import AmpOptimWrapper

from mmblog.registry import OPTIM_WRAPPERS

from .zero_before_backward_optim_wrapper import ZeroBeforeBackwardMixin


@OPTIM_WRAPPERS.register_module()
class AmpZeroBeforeBackwardOptimWrapper(ZeroBeforeBackwardMixin, AmpOptimWrapper):
    """mmengine's ``AmpOptimWrapper`` (autocast + loss scaling) whose ``update_params`` clears
    gradients before backward; ``tools/train.py --amp`` picks it for configs that use
    ``ZeroBeforeBackwardOptimWrapper`` so ``--amp`` keeps that behaviour."""
