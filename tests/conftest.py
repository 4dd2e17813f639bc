"""Shared fixtures: the repo root, a runner for the command-line tools, demo MNIST data."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch

REPO_ROOT = Path(__file__).resolve().parents[1]

# make test runs one pytest-xdist worker per core; a second torch thread per worker would
# oversubscribe the cores and slow the model tests down several times.
torch.set_num_threads(1)


@pytest.fixture(autouse=True)
def _seeded_rng():
    """Seed every test alike, so a test sees the same draws whichever xdist worker runs it
    and after whichever tests ran before: a failure then reproduces instead of flaking."""
    import random

    import numpy as np

    random.seed(0)
    np.random.seed(0)
    torch.manual_seed(0)


def tool_env() -> dict:
    env = dict(os.environ)
    env['PYTHONPATH'] = os.pathsep.join([str(REPO_ROOT), env.get('PYTHONPATH', '')])
    env.setdefault('OMP_NUM_THREADS', '1')
    env.pop('MMBLOG_DEBUG', None)
    return env


def run_tool(*args: str, cwd: Path = REPO_ROOT, check: bool = True, timeout: int = 600):
    """Run ``python <args>`` (a tool script) from the repo root and return the CompletedProcess."""
    proc = subprocess.run(
        [sys.executable, *map(str, args)],
        cwd=cwd,
        env=tool_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check and proc.returncode != 0:
        raise AssertionError(
            f'{args} exited {proc.returncode}\nstdout tail:\n{proc.stdout[-3000:]}\n'
            f'stderr tail:\n{proc.stderr[-3000:]}'
        )
    return proc


@pytest.fixture(scope='session')
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope='session')
def demo_root(tmp_path_factory) -> Path:
    """Demo MNIST idx files generated once per session into a temp folder."""
    from mmblog.testing.demo_data import make_mnist_demo

    root = tmp_path_factory.mktemp('demo')
    make_mnist_demo(str(root))
    return root


@pytest.fixture(scope='session')
def mnist_demo_config(demo_root, tmp_path_factory) -> Path:
    """The MNIST demo config pointed at the session's generated data."""
    cfg_dir = tmp_path_factory.mktemp('cfg')
    path = cfg_dir / 'mnist_demo.py'
    path.write_text(
        f"_base_ = ['{REPO_ROOT}/configs/mnist/softmax_regression_mnist_demo.py']\n"
        f"data_root = '{demo_root}/mnist'\n"
        'train_dataloader = dict(dataset=dict(data_root=data_root))\n'
        'val_dataloader = dict(dataset=dict(data_root=data_root))\n'
        'test_dataloader = val_dataloader\n'
    )
    return path
