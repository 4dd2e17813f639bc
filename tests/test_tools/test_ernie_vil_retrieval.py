import importlib.util
from pathlib import Path

import pytest
import torch

REPO_ROOT = Path(__file__).resolve().parents[2]


def _tool():
    path = REPO_ROOT / 'tools/analysis_tools/ernie_vil_retrieval.py'
    spec = importlib.util.spec_from_file_location('ernie_vil_retrieval', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_expected_hit_breaks_ties_at_random():
    hit = _tool().expected_hit
    assert hit(torch.tensor([3.0, 1.0, 2.0]), 1) == 1.0
    assert hit(torch.tensor([1.0, 3.0, 2.0]), 1) == 0.0
    assert hit(torch.tensor([1.0, 3.0, 2.0]), 5) == 1.0
    # All 20 candidates tied: chance, 1/20 at R@1 and 5/20 at R@5.
    assert hit(torch.zeros(20), 1) == pytest.approx(1 / 20)
    assert hit(torch.zeros(20), 5) == pytest.approx(5 / 20)
    # One above, two tied with the own image: ranks 2-4 equally likely.
    assert hit(torch.tensor([1.0, 2.0, 1.0, 1.0, 0.0]), 2) == pytest.approx(1 / 3)
