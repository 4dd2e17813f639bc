"""dist_train.sh / dist_test.sh / slurm_train.sh on CPU (gloo): multi-node, elastic, Slurm.

Every run trains the MNIST demo for 2 epochs with 2 processes on free ports; every final
checkpoint must equal the plain ``dist_train.sh CFG 2`` run's bit for bit (same seed).
"""

import os
import re
import shlex
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from filelock import FileLock

from tests.conftest import REPO_ROOT, tool_env

FAKE_SLURM = REPO_ROOT / 'tests' / 'fixtures' / 'fake_slurm'
EPOCHS = 2
# What the scripts read from the environment; a caller's own values must not leak in.
DIST_VARIABLES = (
    'NNODES',
    'NODE_RANK',
    'MASTER_ADDR',
    'MASTER_PORT',
    'PORT',
    'RANK',
    'WORLD_SIZE',
    'LOCAL_RANK',
    'RDZV_BACKEND',
    'RDZV_ENDPOINT',
    'RDZV_ID',
    'MAX_RESTARTS',
    'DRY_RUN',
)
# 2 ranks x batch 100 -> ceil(1438 / 2 / 100) = 8 iterations per epoch per rank.
ITERS_PER_EPOCH = 8


def free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def bare_env(**extra: str) -> dict:
    """The environment of a shell where the venv is NOT activated (issue 16: the tools must
    find the interpreter themselves): no venv on PATH, no VIRTUAL_ENV, no PYTHON."""
    env = tool_env()
    for key in ('VIRTUAL_ENV', 'PYTHON', 'PYTHONHOME', *DIST_VARIABLES):
        env.pop(key, None)
    for key in [k for k in env if k.startswith(('PET_', 'SLURM_', 'TORCHELASTIC_'))]:
        env.pop(key)
    env['PATH'] = '/usr/bin:/bin'
    if not (REPO_ROOT / '.venv' / 'bin' / 'python').exists():
        # A checkout without `make install` (e.g. a CI image): then $PYTHON is the documented way.
        env['PYTHON'] = sys.executable
    env.update(extra)
    return env


def run_sh(script: str, *args, env: dict, check: bool = True, timeout: int = 600):
    proc = subprocess.run(
        ['bash', f'tools/{script}', *map(str, args)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check:
        assert proc.returncode == 0, proc.stdout[-3000:] + '\n' + proc.stderr[-5000:]
    return proc


def final_weights(work_dir: Path) -> dict:
    return torch.load(work_dir / f'epoch_{EPOCHS}.pth', map_location='cpu', weights_only=False)[
        'state_dict'
    ]


def assert_same_weights(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for key in a:
        torch.testing.assert_close(a[key], b[key], rtol=0, atol=0)


@pytest.fixture(scope='module')
def short_config(mnist_demo_config, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp('dist_cfg') / 'mnist_short.py'
    # One validation, at the end: the runs compare weights, not curves.
    path.write_text(
        f"_base_ = ['{mnist_demo_config}']\n"
        f'train_cfg = dict(max_epochs={EPOCHS}, val_interval={EPOCHS})\n'
    )
    return path


@pytest.fixture(scope='module')
def reference(short_config, tmp_path_factory) -> Path:
    """``bash tools/dist_train.sh CFG 2`` run once per session (shared by xdist workers)."""
    base = tmp_path_factory.getbasetemp()
    # Under pytest-xdist every worker's basetemp sits in the session's folder; share that one.
    shared = (base.parent if os.environ.get('PYTEST_XDIST_WORKER') else base) / 'dist_reference'
    with FileLock(str(shared) + '.lock'):
        if not (shared / f'epoch_{EPOCHS}.pth').is_file():
            proc = run_sh(
                'dist_train.sh',
                short_config,
                2,
                '--work-dir',
                shared,
                env=bare_env(PORT=str(free_port())),
            )
            assert 'Distributed training: True' in proc.stdout
            assert "'backend': 'gloo'" in proc.stdout
            pattern = rf'Epoch\(train\) \[{EPOCHS}\]\[\s*\d+/{ITERS_PER_EPOCH}\]'
            assert re.search(pattern, proc.stdout)
    return shared


@pytest.mark.slow
def test_dist_train_and_test_without_an_activated_venv(reference, short_config):
    assert (reference / f'epoch_{EPOCHS}.pth').is_file()
    proc = run_sh(
        'dist_test.sh',
        short_config,
        reference / f'epoch_{EPOCHS}.pth',
        2,
        '--work-dir',
        reference / 'test',
        env=bare_env(PORT=str(free_port())),
    )
    accuracy = float(re.search(r'accuracy/top1: ([\d.]+)', proc.stdout).group(1))
    assert accuracy > 0.3  # chance is 0.1 (2 epochs of 8 steps)


@pytest.mark.slow
def test_two_single_process_nodes_equal_one_two_process_node(reference, short_config, tmp_path):
    env = bare_env(NNODES='2', MASTER_ADDR='127.0.0.1', PORT=str(free_port()))
    nodes = [
        subprocess.Popen(
            ['bash', 'tools/dist_train.sh', str(short_config), '1', '--work-dir', str(tmp_path)],
            cwd=REPO_ROOT,
            env=env | {'NODE_RANK': str(rank)},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for rank in (0, 1)
    ]
    outputs = [node.communicate(timeout=600)[0] for node in nodes]
    for node, out in zip(nodes, outputs):
        assert node.returncode == 0, out[-5000:]
    assert re.search(rf'Epoch\(train\) \[{EPOCHS}\]\[\s*\d+/{ITERS_PER_EPOCH}\]', outputs[0])
    assert_same_weights(final_weights(tmp_path), final_weights(reference))


@pytest.mark.slow
def test_elastic_restart_resumes_and_matches(reference, short_config, tmp_path):
    cfg = tmp_path / 'killed.py'
    cfg.write_text(
        f"_base_ = ['{short_config}']\n"
        "custom_imports = dict(imports=['tests.fixtures.kill_rank_once_hook'], "
        'allow_failed_imports=False)\n'
        "custom_hooks = [dict(type='KillRankOnceHook', epoch=1, rank=1)]\n"
    )
    work_dir = tmp_path / 'wd'
    proc = run_sh(
        'dist_train.sh',
        cfg,
        2,
        '--work-dir',
        work_dir,
        env=bare_env(RDZV_BACKEND='c10d', MAX_RESTARTS='1', PORT=str(free_port())),
    )
    log = proc.stdout + proc.stderr
    # torchrun saw rank 1 die by SIGKILL once and restarted the workers once.
    assert len(re.findall(r'failed \(exitcode: -9\) local_rank: 1', log)) == 1
    assert log.count('Distributed training: True') == 2
    assert f'Auto resumed from the latest checkpoint {work_dir}/epoch_1.pth' in log
    assert_same_weights(final_weights(work_dir), final_weights(reference))


@pytest.mark.slow
def test_slurm_launcher_on_cpu_with_fake_srun(reference, short_config, tmp_path):
    log = tmp_path / 'slurm_calls.log'
    env = bare_env(
        GPUS='2',
        GPUS_PER_NODE='0',
        CPUS_PER_TASK='1',
        PORT=str(free_port()),
        FAKE_SLURM_LOG=str(log),
    )
    env['PATH'] = f'{FAKE_SLURM}:{env["PATH"]}'
    work_dir = tmp_path / 'wd'
    proc = run_sh('slurm_train.sh', 'cpu', 'mmblog', short_config, work_dir, env=env)
    assert 'Distributed training: True' in proc.stdout
    calls = log.read_text().splitlines()
    srun = shlex.split(calls[0])
    assert srun[:3] == ['srun', '-p', 'cpu']
    assert '--job-name=mmblog' in srun and '--ntasks=2' in srun and '--kill-on-bad-exit=1' in srun
    assert not any(a.startswith('--gres') for a in srun)  # GPUS_PER_NODE=0: CPU tasks
    assert '--launcher=slurm' in srun
    # Both tasks asked scontrol for the master host (no MASTER_ADDR was set).
    assert calls.count('scontrol show hostname fakenode0') == 2
    assert_same_weights(final_weights(work_dir), final_weights(reference))


def test_slurm_launcher_outside_srun_is_one_line(monkeypatch):
    from mmengine.config import Config

    from mmblog.utils import ToolUsageError, setup_cpu_distributed

    for key in [k for k in os.environ if k.startswith('SLURM_')]:
        monkeypatch.delenv(key)
    with pytest.raises(ToolUsageError) as error:
        setup_cpu_distributed(Config(dict(launcher='slurm')))
    assert str(error.value) == (
        '--launcher slurm: SLURM_PROCID, SLURM_NTASKS, SLURM_NODELIST not set; start the tool '
        'with srun (tools/slurm_train.sh)'
    )


def dry_run(script: str, *args, **env) -> list[str]:
    proc = run_sh(script, *args, env=bare_env(DRY_RUN='1', **env))
    return shlex.split(proc.stdout)


def test_interpreter_is_found_without_an_activated_venv():
    cmd = dry_run('dist_train.sh', 'cfg.py', 2)
    venv_python = REPO_ROOT / '.venv' / 'bin' / 'python'
    expected = str(venv_python) if venv_python.exists() else sys.executable
    assert cmd[0] == expected
    assert dry_run('dist_train.sh', 'cfg.py', 2, PYTHON='/opt/py/bin/python')[0] == (
        '/opt/py/bin/python'
    )


def test_missing_torch_is_one_line(tmp_path):
    fake = tmp_path / 'python'
    fake.write_text('#!/bin/sh\nexit 1\n')
    fake.chmod(0o755)
    proc = run_sh('dist_train.sh', 'cfg.py', 2, env=bare_env(PYTHON=str(fake)), check=False)
    assert proc.returncode == 2
    assert proc.stderr.strip() == (
        f"dist_train.sh: error: {fake} cannot import torch; run 'make install' in "
        f'{REPO_ROOT} or set PYTHON=/path/to/python'
    )


def test_torchrun_arguments_from_plain_and_kubeflow_variables():
    tail = [str(REPO_ROOT / 'tools' / 'train.py'), 'cfg.py', '--launcher', 'pytorch', '--amp']
    plain = dry_run(
        'dist_train.sh',
        'cfg.py',
        4,
        '--amp',
        NNODES='2',
        NODE_RANK='1',
        MASTER_ADDR='node-0',
        PORT='23456',
    )
    assert plain[1:] == [
        '-m',
        'torch.distributed.run',
        '--nnodes=2',
        '--nproc-per-node=4',
        '--max-restarts=0',
        '--node-rank=1',
        '--master-addr=node-0',
        '--master-port=23456',
        *tail,
    ]
    # A Kubeflow TrainJob pod: only PET_* are set, and GPUS may come from PET_NPROC_PER_NODE.
    kubeflow = dry_run(
        'dist_train.sh',
        'cfg.py',
        '',
        '--amp',
        PET_NNODES='2',
        PET_NODE_RANK='1',
        PET_MASTER_ADDR='node-0',
        PET_MASTER_PORT='23456',
        PET_NPROC_PER_NODE='4',
    )
    assert kubeflow == plain
    elastic = dry_run(
        'dist_train.sh',
        'cfg.py',
        2,
        NNODES='1:4',
        MASTER_ADDR='node-0',
        PORT='23456',
        RDZV_BACKEND='c10d',
        MAX_RESTARTS='3',
        RDZV_ID='job7',
    )
    assert elastic[3:9] == [
        '--nnodes=1:4',
        '--nproc-per-node=2',
        '--max-restarts=3',
        '--rdzv-backend=c10d',
        '--rdzv-endpoint=node-0:23456',
        '--rdzv-id=job7',
    ]
    test_cmd = dry_run('dist_test.sh', 'cfg.py', 'w.pth', 2, '--out', 'p.pkl')
    assert test_cmd[-7:] == [
        str(REPO_ROOT / 'tools' / 'test.py'),
        'cfg.py',
        'w.pth',
        '--launcher',
        'pytorch',
        '--out',
        'p.pkl',
    ]


def test_restart_count_reads_torchrun_and_slurm(monkeypatch, tmp_path):
    from mmblog.utils import restart_count, restarted_with_checkpoint

    monkeypatch.delenv('TORCHELASTIC_RESTART_COUNT', raising=False)
    monkeypatch.delenv('SLURM_RESTART_COUNT', raising=False)
    assert restart_count() == 0
    monkeypatch.setenv('TORCHELASTIC_RESTART_COUNT', '2')
    assert restart_count() == 2
    monkeypatch.setenv('TORCHELASTIC_RESTART_COUNT', '0')
    monkeypatch.setenv('SLURM_RESTART_COUNT', '1')
    assert restart_count() == 1
    # No checkpoint yet: a restarted worker starts over (and keeps the config's load_from).
    assert not restarted_with_checkpoint(str(tmp_path))
    (tmp_path / 'epoch_1.pth').write_bytes(b'')
    (tmp_path / 'last_checkpoint').write_text(str(tmp_path / 'epoch_1.pth'))
    assert restarted_with_checkpoint(str(tmp_path))


def test_slurm_env_mapping(monkeypatch):
    from mmblog.utils import slurm_env_to_torch_env

    for key in ('MASTER_ADDR', 'MASTER_PORT', 'RANK', 'WORLD_SIZE', 'LOCAL_RANK'):
        # setenv first, so monkeypatch restores (removes) what slurm_env_to_torch_env sets.
        monkeypatch.setenv(key, '')
        monkeypatch.delenv(key)
    monkeypatch.setenv('PATH', f'{FAKE_SLURM}:{os.environ["PATH"]}')
    monkeypatch.setenv('SLURM_PROCID', '5')
    monkeypatch.setenv('SLURM_NTASKS', '8')
    monkeypatch.setenv('SLURM_LOCALID', '1')
    monkeypatch.setenv('SLURM_NODELIST', 'gpu[01-02]')
    slurm_env_to_torch_env()
    assert {k: os.environ[k] for k in ('RANK', 'WORLD_SIZE', 'LOCAL_RANK', 'MASTER_PORT')} == {
        'RANK': '5',
        'WORLD_SIZE': '8',
        'LOCAL_RANK': '1',
        'MASTER_PORT': '29500',
    }
    assert os.environ['MASTER_ADDR'] == '127.0.0.1'  # the fake scontrol's first host


def test_slurm_scripts_build_mmdetections_srun_line():
    python = dry_run('dist_train.sh', 'cfg.py', 1)[0]
    train = dry_run(
        'slurm_train.sh', 'gpu', 'job', 'cfg.py', 'wd', '--amp', GPUS='16', SRUN_ARGS='-t 60'
    )
    assert train == [
        'srun',
        '-p',
        'gpu',
        '--job-name=job',
        '--gres=gpu:8',
        '--ntasks-per-node=8',
        '--ntasks=16',
        '--cpus-per-task=5',
        '--kill-on-bad-exit=1',
        '-t',
        '60',
        python,
        '-u',
        str(REPO_ROOT / 'tools' / 'train.py'),
        'cfg.py',
        '--work-dir=wd',
        '--launcher=slurm',
        '--amp',
    ]
    test = dry_run('slurm_test.sh', 'cpu', 'job', 'cfg.py', 'w.pth', GPUS='4', GPUS_PER_NODE='0')
    assert test[3:7] == ['--job-name=job', '--ntasks-per-node=4', '--ntasks=4', '--cpus-per-task=5']
    assert test[-4:] == [
        str(REPO_ROOT / 'tools' / 'test.py'),
        'cfg.py',
        'w.pth',
        '--launcher=slurm',
    ]
