"""Margin-based losses for binary classification (seed 004, "Margin-based Loss").

Each loss is a function ``phi`` of the single agreement variable ``v = y * f(x)`` with
``y in {-1, +1}``: it penalises predictions by how well their sign agrees with the target, not by
their distance to it. Definitions follow LossFunctions.jl, whose plots the post shows.

Every loss module takes raw scores ``f(x)`` (shape ``(N,)`` or ``(N, 1)``) and targets in
``{0, 1}`` or ``{-1, +1}``, and returns ``loss_weight * mean(phi(v))``.
"""

from abc import ABCMeta, abstractmethod

import torch
import torch.nn as nn

from mmblog.registry import MODELS


def to_signed(target: torch.Tensor) -> torch.Tensor:
    """Map labels {0, 1} or {-1, +1} to {-1., +1.}; anything else is an error."""
    target = target.reshape(-1)
    values = set(target.unique().tolist())
    if values <= {0, 1}:
        return target.float() * 2 - 1
    if values <= {-1, 1}:
        return target.float()
    raise ValueError(f'margin losses need binary targets in {{0, 1}} or {{-1, +1}}, got {values}')


class MarginLoss(nn.Module, metaclass=ABCMeta):
    """Base class: ``forward(scores, target) = loss_weight * mean(phi(y * scores))``."""

    def __init__(self, loss_weight: float = 1.0):
        super().__init__()
        self.loss_weight = loss_weight

    @abstractmethod
    def phi(self, v: torch.Tensor) -> torch.Tensor:
        """The loss as a function of the agreement ``v = y f(x)``."""

    def forward(self, scores: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        scores = scores.reshape(-1)
        if scores.numel() != target.numel():
            raise ValueError(
                f'{type(self).__name__}: {scores.numel()} scores for '
                f'{target.numel()} targets; a binary head has one output'
            )
        v = to_signed(target).to(scores) * scores
        return self.loss_weight * self.phi(v).mean()


@MODELS.register_module()
class ZeroOneLoss(MarginLoss):
    """``1 if v < 0 else 0``: the classification error itself. Non-convex, discontinuous and of
    zero gradient almost everywhere, so it is a metric (see ``ZeroOneError``), not a training
    loss; calling it on scores that require grad raises."""

    def phi(self, v):
        return (v < 0).to(v.dtype)

    def forward(self, scores, target):
        if scores.requires_grad:
            raise RuntimeError(
                'ZeroOneLoss has no useful gradient; train with a surrogate '
                '(L1HingeLoss, LogitMarginLoss, ...) and report ZeroOneError'
            )
        return super().forward(scores, target)


@MODELS.register_module()
class PerceptronLoss(MarginLoss):
    """``max(0, -v)``: penalises agreement <= 0; Lipschitz, convex, not strictly convex.

    At ``v = 0`` the subgradient -1 is used (the perceptron updates on ties), so training can
    start from all-zero weights, where every agreement is 0.
    """

    def phi(self, v):
        return torch.where(v <= 0, -v, torch.zeros_like(v))


@MODELS.register_module()
class L1HingeLoss(MarginLoss):
    """``max(0, 1 - v)``: like the perceptron loss but penalises agreement < 1 (the SVM hinge)."""

    def phi(self, v):
        return torch.clamp(1 - v, min=0)


@MODELS.register_module()
class SmoothedL1HingeLoss(MarginLoss):
    """``max(0, 1 - v)^2 / (2 gamma)`` for ``v >= 1 - gamma``, else ``1 - gamma/2 - v``.

    The hinge with its kink at ``v = 1`` rounded off by a quadratic of width ``gamma``:
    continuously differentiable, convex, still not strictly convex.
    """

    def __init__(self, gamma: float = 1.0, loss_weight: float = 1.0):
        super().__init__(loss_weight)
        if gamma <= 0:
            raise ValueError(f'gamma must be positive, got {gamma}')
        self.gamma = gamma

    def phi(self, v):
        quad = torch.clamp(1 - v, min=0) ** 2 / (2 * self.gamma)
        return torch.where(v >= 1 - self.gamma, quad, 1 - self.gamma / 2 - v)


@MODELS.register_module()
class ModifiedHuberLoss(MarginLoss):
    """``max(0, 1 - v)^2`` for ``v >= -1``, else ``-4 v``: 4x SmoothedL1Hinge with gamma = 2."""

    def phi(self, v):
        return torch.where(v >= -1, torch.clamp(1 - v, min=0) ** 2, -4 * v)


@MODELS.register_module()
class DWDMarginLoss(MarginLoss):
    """Distance-weighted discrimination: ``1 - v`` for ``v <= q/(q+1)``, else
    ``q^q / (q+1)^(q+1) / v^q``. A differentiable generalisation of the hinge, positive
    everywhere and decaying to 0 as ``v -> inf``.
    """

    def __init__(self, q: float = 1.0, loss_weight: float = 1.0):
        super().__init__(loss_weight)
        if q <= 0:
            raise ValueError(f'q must be positive, got {q}')
        self.q = q

    def phi(self, v):
        q = self.q
        knot = q / (q + 1)
        const = q**q / (q + 1) ** (q + 1)
        # Clamp so the unused branch never divides by zero or a negative power (NaN gradients).
        tail = const / torch.clamp(v, min=knot) ** q
        return torch.where(v <= knot, 1 - v, tail)


@MODELS.register_module()
class L2MarginLoss(MarginLoss):
    """``(1 - v)^2``: penalises every agreement != 1 quadratically; strongly convex."""

    def phi(self, v):
        return (1 - v) ** 2


@MODELS.register_module()
class L2HingeLoss(MarginLoss):
    """``max(0, 1 - v)^2``: quadratic below agreement 1; convex, not strongly convex."""

    def phi(self, v):
        return torch.clamp(1 - v, min=0) ** 2


@MODELS.register_module()
class SigmoidLoss(MarginLoss):
    """``1 - tanh(v)``: values in (0, 2), infinitely differentiable, Lipschitz, non-convex."""

    def phi(self, v):
        return 1 - torch.tanh(v)


@MODELS.register_module()
class LogitMarginLoss(MarginLoss):
    """``log(1 + exp(-v))``: the logistic loss in margin form; smooth, convex, Lipschitz."""

    def phi(self, v):
        return nn.functional.softplus(-v)


@MODELS.register_module()
class ExpLoss(MarginLoss):
    """``exp(-v)``: exponential penalty (AdaBoost's); smooth, strictly convex, not Lipschitz
    on the whole line (not clipable)."""

    def phi(self, v):
        return torch.exp(-v)


MARGIN_LOSSES = {
    cls.__name__: cls
    for cls in (
        ZeroOneLoss,
        PerceptronLoss,
        L1HingeLoss,
        SmoothedL1HingeLoss,
        ModifiedHuberLoss,
        DWDMarginLoss,
        L2MarginLoss,
        L2HingeLoss,
        SigmoidLoss,
        LogitMarginLoss,
        ExpLoss,
    )
}

__all__ = ['MARGIN_LOSSES', 'MarginLoss', *MARGIN_LOSSES]
