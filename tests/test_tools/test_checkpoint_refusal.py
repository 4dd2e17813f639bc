"""tools/test.py, tools/train.py (--resume, load_from) and init_model refuse crafted checkpoints
and checkpoints that hold none of the model's weights."""

import importlib.util

import pytest
import torch

from mmblog.utils import CheckpointMismatchError, UnsafeCheckpointError
from tests.conftest import REPO_ROOT, run_tool
from tests.fixtures.crafted_pickles import PAYLOADS, RunsCommand, write_crafted_checkpoint


def _tool(name: str):
    spec = importlib.util.spec_from_file_location(
        f'tool_{name}', REPO_ROOT / 'tools' / f'{name}.py'
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(params=sorted(PAYLOADS))
def evil(request, tmp_path):
    return write_crafted_checkpoint(tmp_path, request.param, {'fc.weight': torch.ones(1)})


def test_test_tool_refuses_a_crafted_checkpoint_in_one_line(mnist_demo_config, tmp_path):
    marker = tmp_path / 'pwned'
    path = tmp_path / 'evil.pth'
    torch.save(dict(meta=RunsCommand(marker)), path)
    proc = run_tool('tools/test.py', mnist_demo_config, path, '--work-dir', tmp_path, check=False)
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert proc.stderr.strip() == (
        f"test.py: error: {path}: refused to load global 'posix.system' (checkpoints are data, "
        'not code); if you trust this file, pass --trust-checkpoint or set '
        'MMBLOG_TRUST_CHECKPOINT=1'
    )
    assert not marker.exists()


@pytest.mark.parametrize('how', ['test', 'resume', 'load_from', 'init_model'])
def test_every_entry_point_refuses(how, evil, mnist_demo_config, tmp_path):
    path, marker = evil
    work = str(tmp_path / 'work')
    with pytest.raises(UnsafeCheckpointError, match=str(path)):
        if how == 'test':
            _tool('test').main([str(mnist_demo_config), str(path), '--work-dir', work])
        elif how == 'resume':
            _tool('train').main([str(mnist_demo_config), '--work-dir', work, '--resume', str(path)])
        elif how == 'load_from':
            opts = ['--cfg-options', f'load_from={path}', 'train_cfg.max_epochs=1']
            _tool('train').main([str(mnist_demo_config), '--work-dir', work, *opts])
        else:
            from mmblog.apis import init_model

            init_model(str(mnist_demo_config), str(path))
    assert not marker.exists()


def test_checkpoint_of_another_model_is_an_error(mnist_demo_config, tmp_path):
    path = tmp_path / 'other.pth'
    torch.save(dict(state_dict={'backbone.conv1.weight': torch.ones(1)}), path)
    with pytest.raises(CheckpointMismatchError, match='holds none of the weights'):
        _tool('test').main([str(mnist_demo_config), str(path), '--work-dir', str(tmp_path)])
    from mmblog.apis import init_model

    with pytest.raises(CheckpointMismatchError, match=f'{path}: holds none'):
        init_model(str(mnist_demo_config), str(path))


def test_partial_checkpoint_lists_missing_keys(mnist_demo_config, tmp_path, capsys):
    from mmblog.apis import init_model

    model = init_model(str(mnist_demo_config))
    state = model.state_dict()
    dropped = sorted(state)[-1]
    path = tmp_path / 'partial.pth'
    torch.save(dict(state_dict={k: v for k, v in state.items() if k != dropped}), path)
    init_model(str(mnist_demo_config), str(path))
    assert f"missing 1 of the model's weights: {dropped}" in capsys.readouterr().err
