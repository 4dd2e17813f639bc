"""Checkpoints are data, not code: the allow-list unpickler and the weight-coverage check."""

import pickle
import subprocess
import sys

import numpy as np
import pytest
import torch
from mmengine.logging import HistoryBuffer
from mmengine.runner.checkpoint import CheckpointLoader

from mmblog.utils import (
    CheckpointMismatchError,
    UnsafeCheckpointError,
    check_checkpoint_covers,
    describe_missing,
    install_checkpoint_loader,
    load_local_checkpoint,
)
from tests.fixtures.crafted_pickles import PAYLOADS, RunsCommand, write_crafted_checkpoint


def _mmengine_like_checkpoint(path):
    buf = HistoryBuffer()
    buf.update(1.5)
    torch.save(
        dict(
            state_dict={'w': torch.ones(2)},
            message_hub=dict(log_scalars={'train/loss': buf}),
            meta=dict(seed=np.int64(3), dtype=np.dtype('float32'), arr=np.zeros(2)),
        ),
        path,
    )


@pytest.fixture(params=sorted(PAYLOADS))
def evil(request, tmp_path):
    return write_crafted_checkpoint(tmp_path, request.param, {'w': torch.ones(1)})


def test_plain_torch_load_refuses_mmengine_checkpoints(tmp_path):
    path = tmp_path / 'ckpt.pth'
    _mmengine_like_checkpoint(path)
    with pytest.raises(pickle.UnpicklingError):
        torch.load(path)


def test_safe_loader_loads_mmengine_checkpoints(tmp_path):
    path = tmp_path / 'ckpt.pth'
    _mmengine_like_checkpoint(path)
    install_checkpoint_loader()
    ckpt = CheckpointLoader.load_checkpoint(str(path), map_location='cpu')
    buf = ckpt['message_hub']['log_scalars']['train/loss']
    assert buf.current() == 1.5 and buf.statistics('mean') == 1.5
    assert ckpt['meta']['seed'] == 3 and ckpt['meta']['dtype'] == np.float32
    assert torch.equal(ckpt['state_dict']['w'], torch.ones(2))


def test_crafted_checkpoint_is_refused_with_one_line(evil):
    path, marker = evil
    install_checkpoint_loader()
    with pytest.raises(UnsafeCheckpointError) as info:
        CheckpointLoader.load_checkpoint(str(path), map_location='cpu')
    message = str(info.value)
    assert '\n' not in message and str(path) in message
    assert ("'posix.system'" in message) or ("'builtins.eval'" in message)
    assert '--trust-checkpoint' in message
    assert not marker.exists()


def test_getattr_is_refused_outside_history_buffer(tmp_path):
    path = tmp_path / 'getattr.pth'

    class _GetsAttribute:
        # getattr on an allowed global (torch.Size) that is not HistoryBuffer
        def __reduce__(self):
            return (getattr, (torch.Size, 'count'))

    torch.save(dict(x=_GetsAttribute()), path)
    with pytest.raises(UnsafeCheckpointError, match='builtins.getattr'):
        load_local_checkpoint(str(path))


def test_trust_flag_and_env_load_fully(tmp_path, monkeypatch):
    path = tmp_path / 'counter.pth'
    from fractions import Fraction

    torch.save(dict(c=Fraction(1, 3)), path)  # harmless, but not on the allow-list
    with pytest.raises(UnsafeCheckpointError, match="'fractions.Fraction'"):
        load_local_checkpoint(str(path))
    assert load_local_checkpoint(str(path), trust=True)['c'] == Fraction(1, 3)
    monkeypatch.setenv('MMBLOG_TRUST_CHECKPOINT', '1')
    assert load_local_checkpoint(str(path))['c'] == Fraction(1, 3)


def test_importing_mmblog_installs_no_loader(tmp_path):
    # A fresh process that imports everything must still use torch's safe default.
    marker = tmp_path / 'pwned'
    path = tmp_path / 'evil.pth'
    torch.save(dict(x=RunsCommand(marker)), path)
    code = (
        'import mmblog, mmblog.utils, mmblog.apis\n'
        'from mmengine.runner.checkpoint import CheckpointLoader\n'
        'import pickle\n'
        'try:\n'
        f'    CheckpointLoader.load_checkpoint({str(path)!r})\n'
        'except pickle.UnpicklingError:\n'
        '    print("refused")\n'
    )
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True)
    assert 'refused' in out.stdout, out.stderr[-2000:]
    assert not marker.exists()


def test_missing_checkpoint_names_the_path(tmp_path):
    with pytest.raises(FileNotFoundError, match='nope.pth'):
        load_local_checkpoint(str(tmp_path / 'nope.pth'))


def test_checkpoint_coverage():
    model = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Linear(3, 1))
    full = dict(state_dict=model.state_dict())
    assert check_checkpoint_covers(model, full, 'f.pth') == []
    partial = dict(state_dict={k: v for k, v in model.state_dict().items() if k != '1.bias'})
    missing = check_checkpoint_covers(model, partial, 'f.pth')
    assert missing == ['1.bias']
    assert describe_missing('f.pth', missing) == "f.pth: missing 1 of the model's weights: 1.bias"
    ddp_style = dict(state_dict={f'module.{k}': v for k, v in model.state_dict().items()})
    assert check_checkpoint_covers(model, ddp_style, 'f.pth') == []
    with pytest.raises(CheckpointMismatchError, match=r'other.pth: holds none of the weights'):
        check_checkpoint_covers(model, dict(state_dict={'fc.weight': torch.ones(1)}), 'other.pth')
