"""torch >= 2.6 refuses mmengine checkpoints by default; mmblog's central loader accepts them."""

import pickle

import numpy as np
import pytest
import torch
from mmengine.logging import HistoryBuffer
from mmengine.runner.checkpoint import CheckpointLoader

import mmblog  # noqa: F401  (installs the loader)
from mmblog.utils import load_trusted_local_checkpoint


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


def test_plain_torch_load_refuses_it(tmp_path):
    path = tmp_path / 'ckpt.pth'
    _mmengine_like_checkpoint(path)
    with pytest.raises(pickle.UnpicklingError):
        torch.load(path)


def test_mmengine_loader_now_loads_local_checkpoints(tmp_path):
    path = tmp_path / 'ckpt.pth'
    _mmengine_like_checkpoint(path)
    ckpt = CheckpointLoader.load_checkpoint(str(path), map_location='cpu')
    assert ckpt['message_hub']['log_scalars']['train/loss'].current() == 1.5
    assert ckpt['meta']['seed'] == 3


def test_missing_checkpoint_names_the_path(tmp_path):
    with pytest.raises(FileNotFoundError, match='nope.pth'):
        load_trusted_local_checkpoint(str(tmp_path / 'nope.pth'))
