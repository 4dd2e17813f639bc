"""ZeroBeforeBackwardOptimWrapper makes exactly the updates of mmengine's OptimWrapper."""

import copy

import pytest
import torch
from mmengine.optim import OptimWrapper

from mmblog.engine import ZeroBeforeBackwardOptimWrapper


def _train(wrapper_cls, accumulative_counts: int, steps: int = 7) -> torch.nn.Module:
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 1))
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-3)
    wrapper = wrapper_cls(opt, accumulative_counts=accumulative_counts)
    wrapper.initialize_count_status(model, 0, steps)
    g = torch.Generator().manual_seed(1)
    for _ in range(steps):
        x = torch.randn(5, 4, generator=g)
        wrapper.update_params(model(x).pow(2).mean())
    return model


@pytest.mark.parametrize('accumulative_counts', [1, 3])
def test_same_parameters_as_mmengine_optim_wrapper(accumulative_counts):
    ours = _train(ZeroBeforeBackwardOptimWrapper, accumulative_counts)
    ref = _train(OptimWrapper, accumulative_counts)
    for a, b in zip(ours.parameters(), ref.parameters()):
        torch.testing.assert_close(a, b, rtol=0, atol=0)


def test_gradients_are_kept_until_the_next_window():
    model = _train(ZeroBeforeBackwardOptimWrapper, 1, steps=1)
    assert all(p.grad is not None for p in model.parameters())
    ref = _train(OptimWrapper, 1, steps=1)
    assert all(p.grad is None for p in copy.deepcopy(ref).parameters())


def test_mmengine_public_wrapper_api_still_holds():
    # The mixin relies on these public members only; if mmengine renames one, this fails here
    # (not silently in training).
    for member in ('inner_count', 'zero_grad', 'scale_loss', 'backward', 'should_update', 'step'):
        assert hasattr(OptimWrapper, member), f'mmengine OptimWrapper lost {member!r}'
    opt = torch.optim.SGD(torch.nn.Linear(1, 1).parameters(), lr=0.1)
    wrapper = ZeroBeforeBackwardOptimWrapper(opt, accumulative_counts=3)
    assert wrapper.accumulation_window == 3 and wrapper.inner_count == 0


def test_amp_flag_keeps_zero_before_backward(monkeypatch, mnist_demo_config):
    import importlib.util

    from mmengine.optim import AmpOptimWrapper

    from mmblog.engine import AmpZeroBeforeBackwardOptimWrapper
    from tests.conftest import REPO_ROOT

    assert issubclass(AmpZeroBeforeBackwardOptimWrapper, AmpOptimWrapper)
    assert (
        AmpZeroBeforeBackwardOptimWrapper.update_params
        is ZeroBeforeBackwardOptimWrapper.update_params
    )
    spec = importlib.util.spec_from_file_location('train_tool', REPO_ROOT / 'tools' / 'train.py')
    train = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(train)
    monkeypatch.setattr(torch.cuda, 'is_available', lambda: True)  # only build the config
    opts = ['--cfg-options', 'optim_wrapper.type=ZeroBeforeBackwardOptimWrapper']
    cfg = train.build_config(train.parse_args([str(mnist_demo_config), '--amp', *opts]))
    assert cfg.optim_wrapper.type == 'AmpZeroBeforeBackwardOptimWrapper'
    cfg = train.build_config(train.parse_args([str(mnist_demo_config), '--amp']))
    assert cfg.optim_wrapper.type == 'AmpOptimWrapper'  # the MNIST demo uses plain OptimWrapper
