"""An OptimWrapper that clears gradients where plain PyTorch loops do: before the backward pass."""

import torch
from mmengine.optim import OptimWrapper

from mmblog.registry import OPTIM_WRAPPERS


class ZeroBeforeBackwardMixin:
    """``update_params`` that zeroes gradients before the first backward of each accumulation
    window instead of right after ``step``; the rest is the wrapped mmengine class's.

    Written against mmengine's public wrapper API only (``inner_count``, ``zero_grad``,
    ``scale_loss``, ``backward``, ``should_update``, ``step``); the window length is kept here
    rather than read from mmengine's private ``_accumulative_counts``.
    """

    def __init__(self, *args, accumulative_counts: int = 1, **kwargs):
        super().__init__(*args, accumulative_counts=accumulative_counts, **kwargs)
        self.accumulation_window = accumulative_counts

    def update_params(
        self, loss: torch.Tensor, step_kwargs: dict | None = None, zero_kwargs: dict | None = None
    ) -> None:
        if self.inner_count % self.accumulation_window == 0:
            self.zero_grad(**(zero_kwargs or {}))
        self.backward(self.scale_loss(loss))
        if self.should_update():
            self.step(**(step_kwargs or {}))


@OPTIM_WRAPPERS.register_module()
class ZeroBeforeBackwardOptimWrapper(ZeroBeforeBackwardMixin, OptimWrapper):
    """Same updates as mmengine's ``OptimWrapper``, but ``zero_grad`` runs before the first
    backward of each accumulation window instead of right after ``step``.

    Why: ``zero_grad(set_to_none=True)`` after the step frees every gradient buffer before the
    next forward pass, so each backward allocates them again from fresh memory. On a CPU this
    costs ~7% of a ResNet-50 training step (measured with tools/analysis_tools/benchmark.py).
    The gradients seen by ``step`` are identical; the only difference is that gradient memory
    stays allocated between iterations, as in torchvision's reference training loop.
    """
