"""Margin-based losses against their closed forms and stated properties (seed 004)."""

import math

import pytest
import torch

from mmblog.models.losses import MARGIN_LOSSES
from mmblog.registry import MODELS
from mmblog.utils import register_all_modules

register_all_modules()

V = torch.linspace(-3, 3, 601, dtype=torch.float64)


def phi(name, **kwargs):
    loss = MODELS.build(dict(type=name, **kwargs))
    return lambda v: loss.phi(v)


def slope(name, at, **kwargs):
    v = torch.tensor([float(at)], dtype=torch.float64, requires_grad=True)
    phi(name, **kwargs)(v).sum().backward()
    return v.grad.item()


def second_differences(values):
    return values[2:] - 2 * values[1:-1] + values[:-2]


CLOSED_FORMS = {
    'ZeroOneLoss': lambda v: (v < 0).double(),
    'PerceptronLoss': lambda v: torch.clamp(-v, min=0),
    'L1HingeLoss': lambda v: torch.clamp(1 - v, min=0),
    'L2MarginLoss': lambda v: (1 - v) ** 2,
    'L2HingeLoss': lambda v: torch.clamp(1 - v, min=0) ** 2,
    'SigmoidLoss': lambda v: 1 - torch.tanh(v),
    'LogitMarginLoss': lambda v: torch.log(1 + torch.exp(-v)),
    'ExpLoss': lambda v: torch.exp(-v),
    'ModifiedHuberLoss': lambda v: torch.where(v >= -1, torch.clamp(1 - v, min=0) ** 2, -4 * v),
}


@pytest.mark.parametrize('name', sorted(CLOSED_FORMS))
def test_closed_form(name):
    torch.testing.assert_close(phi(name)(V), CLOSED_FORMS[name](V))


@pytest.mark.parametrize('gamma', [0.5, 1.0, 2.0])
def test_smoothed_l1_hinge_closed_form_and_smoothness(gamma):
    f = phi('SmoothedL1HingeLoss', gamma=gamma)
    expected = torch.where(
        V >= 1 - gamma, torch.clamp(1 - V, min=0) ** 2 / (2 * gamma), 1 - gamma / 2 - V
    )
    torch.testing.assert_close(f(V), expected)
    # Continuous at the knot 1 - gamma with slope -1 on both sides; flat (slope 0) from v = 1.
    eps = 1e-6
    knot = torch.tensor([1 - gamma - eps, 1 - gamma + eps], dtype=torch.float64)
    assert abs(f(knot)[0] - f(knot)[1]).item() < 1e-5
    assert slope('SmoothedL1HingeLoss', 1 - gamma - 1e-3, gamma=gamma) == pytest.approx(-1)
    assert slope('SmoothedL1HingeLoss', 1 - gamma + 1e-9, gamma=gamma) == pytest.approx(-1, 1e-6)
    assert slope('SmoothedL1HingeLoss', 1.0, gamma=gamma) == pytest.approx(0)


def test_modified_huber_is_4x_smoothed_hinge_with_gamma_2():
    torch.testing.assert_close(
        phi('ModifiedHuberLoss')(V), 4 * phi('SmoothedL1HingeLoss', gamma=2.0)(V)
    )


@pytest.mark.parametrize('q', [0.5, 1.0, 2.0])
def test_dwd_margin(q):
    f = phi('DWDMarginLoss', q=q)
    knot = q / (q + 1)
    const = q**q / (q + 1) ** (q + 1)
    expected = torch.where(V <= knot, 1 - V, const / torch.clamp(V, min=1e-9) ** q)
    torch.testing.assert_close(f(V), expected)
    # Differentiable hinge: continuous with slope -1 at the knot, positive, vanishing at +inf.
    assert 1 - knot == pytest.approx(const / knot**q)
    assert slope('DWDMarginLoss', knot + 1e-7, q=q) == pytest.approx(-1, rel=1e-4)
    assert (f(V) > 0).all() and f(torch.tensor([1e14], dtype=torch.float64)).item() < 1e-6
    v = V.clone().requires_grad_(True)
    f(v).sum().backward()
    assert torch.isfinite(v.grad).all()


ZERO_FROM = {
    'PerceptronLoss': 0.0,
    'L1HingeLoss': 1.0,
    'L2HingeLoss': 1.0,
    'ModifiedHuberLoss': 1.0,
    'SmoothedL1HingeLoss': 1.0,
}


@pytest.mark.parametrize('name,start', sorted(ZERO_FROM.items()))
def test_where_the_loss_is_zero(name, start):
    values = phi(name)(V)
    assert (values[V >= start] == 0).all() and (values[V < start] > 0).all()


def test_everywhere_positive_losses_and_l2_margin_zero_only_at_one():
    for name in ('LogitMarginLoss', 'ExpLoss', 'SigmoidLoss', 'DWDMarginLoss'):
        assert (phi(name)(V) > 0).all(), name
    l2 = phi('L2MarginLoss')(V)
    assert l2[V == 1].item() == 0 and (l2[V != 1] > 0).all()


@pytest.mark.parametrize(
    'name,at,expected',
    [
        ('PerceptronLoss', -1.0, -1.0),
        ('L1HingeLoss', 0.0, -1.0),
        ('L2HingeLoss', 0.0, -2.0),
        ('L2MarginLoss', 2.0, 2.0),
        ('LogitMarginLoss', 0.0, -0.5),
        ('ExpLoss', 0.0, -1.0),
        ('SigmoidLoss', 0.0, -1.0),
        ('ModifiedHuberLoss', -2.0, -4.0),
    ],
)
def test_slopes(name, at, expected):
    assert slope(name, at) == pytest.approx(expected)


CONVEX = [
    'PerceptronLoss',
    'L1HingeLoss',
    'SmoothedL1HingeLoss',
    'ModifiedHuberLoss',
    'DWDMarginLoss',
    'L2MarginLoss',
    'L2HingeLoss',
    'LogitMarginLoss',
    'ExpLoss',
]


@pytest.mark.parametrize('name', CONVEX)
def test_convex_where_claimed(name):
    assert (second_differences(phi(name)(V)) >= -1e-12).all()


def test_strictness_of_convexity():
    h = float(V[1] - V[0])
    # Strongly convex: second derivative 2 everywhere.
    torch.testing.assert_close(
        second_differences(phi('L2MarginLoss')(V)) / h**2,
        torch.full((V.numel() - 2,), 2.0, dtype=torch.float64),
    )
    assert (second_differences(phi('ExpLoss')(V)) > 0).all()  # strictly convex
    # Perceptron / hinge losses are linear on a half-line: not strictly convex.
    for name in ('PerceptronLoss', 'L1HingeLoss', 'SmoothedL1HingeLoss'):
        assert (second_differences(phi(name)(V)).abs() < 1e-12).any(), name


def test_sigmoid_loss_is_bounded_and_non_convex():
    values = phi('SigmoidLoss')(torch.linspace(-50, 50, 1001, dtype=torch.float64))
    assert values.min() >= 0 and values.max() <= 2
    assert phi('SigmoidLoss')(torch.zeros(1)).item() == pytest.approx(1.0)
    assert (second_differences(phi('SigmoidLoss')(V)) < 0).any()


def test_logit_margin_at_zero_is_log2():
    assert phi('LogitMarginLoss')(torch.zeros(1)).item() == pytest.approx(math.log(2))


def test_forward_maps_labels_and_averages():
    loss = MODELS.build(dict(type='L1HingeLoss', loss_weight=2.0))
    scores = torch.tensor([2.0, -0.5, 0.5, -3.0])
    # labels 0/1 -> y = -1/+1; v = [2, 0.5, -0.5, 3]
    expected = 2.0 * torch.tensor([0.0, 0.5, 1.5, 0.0]).mean()
    torch.testing.assert_close(loss(scores, torch.tensor([1, 0, 0, 0])), expected)
    torch.testing.assert_close(loss(scores, torch.tensor([1, -1, -1, -1])), expected)
    with pytest.raises(ValueError, match='binary targets'):
        loss(scores, torch.tensor([0, 1, 2, 1]))
    with pytest.raises(ValueError, match='one output'):
        loss(torch.zeros(4, 2), torch.tensor([0, 1, 1, 0]))


def test_zero_one_loss_is_a_metric_not_a_training_loss():
    loss = MODELS.build(dict(type='ZeroOneLoss'))
    scores = torch.tensor([1.0, -1.0, 0.5])
    assert loss(scores, torch.tensor([1, 1, 0])).item() == pytest.approx(2 / 3)
    with pytest.raises(RuntimeError, match='surrogate'):
        loss(scores.requires_grad_(True), torch.tensor([1, 1, 0]))


def test_registry_has_the_eleven_losses():
    assert len(MARGIN_LOSSES) == 11


@pytest.mark.parametrize('name', sorted(set(MARGIN_LOSSES) - {'ZeroOneLoss'}))
def test_every_surrogate_trains_a_linear_classifier(name):
    """Full-batch gradient descent with each loss separates two Gaussian blobs."""
    g = torch.Generator().manual_seed(0)
    x = torch.cat([torch.randn(100, 2, generator=g) + 2, torch.randn(100, 2, generator=g) - 2])
    y = torch.cat([torch.ones(100), torch.zeros(100)]).long()
    w = torch.zeros(2, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    loss = MODELS.build(dict(type=name))
    opt = torch.optim.SGD([w, b], lr=0.05)
    for _ in range(100):
        opt.zero_grad()
        loss(x @ w + b, y).backward()
        opt.step()
    accuracy = ((x @ w + b > 0).long() == y).float().mean().item()
    assert accuracy > 0.95, (name, accuracy)


def test_perceptron_updates_on_ties():
    assert slope('PerceptronLoss', 0.0) == -1.0
