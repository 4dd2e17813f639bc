"""Early stopping on (accuracy, loss) with patience and ranked remembering, as APPNP's reference."""

import pytest
import torch

from mmblog.engine.hooks import MultiMetricEarlyStoppingHook


def test_ranked_patience_trace():
    hook = MultiMetricEarlyStoppingHook(
        monitors=[('acc', 'greater'), ('loss', 'less')], patience=2, remember='ranked'
    )
    model = torch.nn.Linear(1, 1)
    trace = [(0.5, 1.0), (0.6, 0.9), (0.6, 0.8), (0.55, 0.85), (0.6, 0.8), (0.5, 0.9), (0.5, 0.95)]
    stops, remembered = [], []
    for epoch, vals in enumerate(trace):
        with torch.no_grad():
            model.weight.fill_(epoch)
        stops.append(hook.check(vals, epoch, model))
        remembered.append(hook.best_epoch)
    # epoch 3: neither acc >= 0.6 nor loss <= 0.8 -> patience 1; epoch 4 ties both -> reset but
    # ranked keeps epoch 2 (no strict gain); epochs 5, 6 miss -> stop at 6.
    assert remembered == [0, 1, 2, 2, 2, 2, 2]
    assert stops == [False] * 6 + [True]
    # The remembered weights are a copy, not a view of the live parameters.
    assert hook.best_state['weight'].item() == 2.0


def test_all_rule_and_validation():
    hook = MultiMetricEarlyStoppingHook(monitors=[('a', 'greater'), ('l', 'less')], remember='all')
    hook.check((0.5, 1.0), 0)
    hook.check((0.6, 1.1), 1)  # acc better, loss worse: 'all' does not remember
    assert hook.best_epoch == 0
    hook.check((0.6, 0.9), 2)
    assert hook.best_epoch == 2
    with pytest.raises(ValueError, match="'greater' or 'less'"):
        MultiMetricEarlyStoppingHook(monitors=[('a', 'max')])
