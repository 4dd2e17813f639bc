"""The workflow commands end to end on generated MNIST idx digits."""

import json
import pickle
import signal

import pytest
import torch

from tests.conftest import run_tool


def _last_metric(work_dir, key='accuracy/top1') -> float:
    logs = sorted(work_dir.glob('*/vis_data/scalars.json'))
    assert logs, f'no scalars.json under {work_dir}'
    values = [
        json.loads(line)[key]
        for p in logs
        for line in p.read_text().splitlines()
        if key in json.loads(line)
    ]
    return values[-1]


@pytest.fixture(scope='module')
def trained(mnist_demo_config, tmp_path_factory):
    work_dir = tmp_path_factory.mktemp('mnist_train')
    run_tool('tools/train.py', mnist_demo_config, '--work-dir', work_dir, '--tensorboard')
    return work_dir


def test_demo_training_learns_the_digits(trained):
    assert (trained / 'epoch_5.pth').is_file()
    # Chance is 0.1; the demo must clear the 0.85 bar on held-out digits.
    assert _last_metric(trained) > 0.85


def test_tensorboard_switch_writes_event_files(trained, mnist_demo_config, tmp_path):
    assert list(trained.glob('*/vis_data/events.out.tfevents.*'))
    run_tool(
        'tools/train.py',
        mnist_demo_config,
        '--work-dir',
        tmp_path,
        '--cfg-options',
        'train_cfg.max_epochs=1',
    )
    assert not list(tmp_path.glob('*/vis_data/events.out.tfevents.*'))


def test_test_tool_dumps_predictions_and_draws(trained, mnist_demo_config, tmp_path):
    out = tmp_path / 'pred.pkl'
    show_dir = tmp_path / 'vis'
    proc = run_tool(
        'tools/test.py',
        mnist_demo_config,
        trained / 'epoch_5.pth',
        '--work-dir',
        tmp_path,
        '--out',
        out,
        '--show-dir',
        show_dir,
    )
    assert 'accuracy/top1' in proc.stdout
    preds = pickle.loads(out.read_bytes())
    assert len(preds) == 359 and 'pred_score' in preds[0]
    assert len(list(show_dir.glob('*.png'))) == 359


def test_kill_then_resume_matches_uninterrupted_run(trained, mnist_demo_config, tmp_path):
    cfg = tmp_path / 'killed.py'
    cfg.write_text(
        f"_base_ = ['{mnist_demo_config}']\n"
        "custom_imports = dict(imports=['tests.fixtures.kill_hook'], allow_failed_imports=False)\n"
        "custom_hooks = [dict(type='KillAfterEpochHook', epoch=2)]\n"
    )
    work_dir = tmp_path / 'wd'
    killed = run_tool('tools/train.py', cfg, '--work-dir', work_dir, check=False)
    assert killed.returncode == -signal.SIGKILL
    assert (work_dir / 'epoch_2.pth').is_file() and not (work_dir / 'epoch_3.pth').exists()

    resumed = run_tool('tools/train.py', mnist_demo_config, '--work-dir', work_dir, '--resume')
    assert 'resumed epoch: 2' in resumed.stdout.lower().replace(',', '')
    assert _last_metric(work_dir) == _last_metric(trained)
    a = torch.load(work_dir / 'epoch_5.pth', weights_only=False)['state_dict']
    b = torch.load(trained / 'epoch_5.pth', weights_only=False)['state_dict']
    assert a.keys() == b.keys()
    for key in a:
        torch.testing.assert_close(a[key], b[key], rtol=0, atol=0)


def test_resume_from_explicit_path_and_load_from(trained, mnist_demo_config, tmp_path):
    run_tool(
        'tools/train.py',
        mnist_demo_config,
        '--work-dir',
        tmp_path / 'r',
        '--resume',
        trained / 'epoch_4.pth',
    )
    assert (tmp_path / 'r' / 'epoch_5.pth').is_file()
    assert not (tmp_path / 'r' / 'epoch_1.pth').exists()
    run_tool(
        'tools/train.py',
        mnist_demo_config,
        '--work-dir',
        tmp_path / 'l',
        '--cfg-options',
        f'load_from={trained / "epoch_5.pth"}',
        'train_cfg.max_epochs=1',
    )
    assert _last_metric(tmp_path / 'l') > 0.85


def test_analyze_logs_plots_a_png(trained, tmp_path):
    out = tmp_path / 'curve.png'
    run_tool(
        'tools/analysis_tools/analyze_logs.py',
        'plot_curve',
        trained,
        '--keys',
        'loss',
        'accuracy/top1',
        '--out',
        out,
    )
    assert out.read_bytes()[:8] == b'\x89PNG\r\n\x1a\n'
    proc = run_tool('tools/analysis_tools/analyze_logs.py', 'cal_train_time', trained)
    assert 's/iter' in proc.stdout


def test_print_config_shows_merged_options(mnist_demo_config):
    proc = run_tool(
        'tools/misc/print_config.py', mnist_demo_config, '--cfg-options', 'train_cfg.max_epochs=7'
    )
    assert 'max_epochs=7' in proc.stdout


@pytest.mark.parametrize(
    'args, message',
    [
        (
            ['--cfg-options', 'model.haed.num_classes=3'],
            "no 'haed' under model; did you mean 'head'",
        ),
        (['--cfg-options', 'model.head.type=NoSuchHead'], 'NoSuchHead is not in the mmblog::model'),
        (
            ['--cfg-options', 'train_dataloader.dataset.data_root=/no/such/dir'],
            'data not found: /no/such/dir/train-images-idx3-ubyte -- create it with: python tools/misc',
        ),
    ],
)
def test_user_errors_are_one_clear_line(mnist_demo_config, tmp_path, args, message):
    proc = run_tool('tools/train.py', mnist_demo_config, '--work-dir', tmp_path, *args, check=False)
    assert proc.returncode == 2
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith('train.py: error: ') and message in last
    assert 'Traceback' not in proc.stderr


def test_missing_checkpoint_is_one_clear_line(mnist_demo_config):
    proc = run_tool('tools/test.py', mnist_demo_config, '/no/such.pth', check=False)
    assert proc.returncode == 2
    assert proc.stderr.strip() == 'test.py: error: checkpoint file not found: /no/such.pth'


def test_make_demo_data_writes_idx_files(tmp_path):
    proc = run_tool('tools/misc/make_demo_data.py', '--out', tmp_path, '--only', 'mnist')
    assert "mnist: {'t10k': 359, 'train': 1438}" in proc.stdout
    assert (tmp_path / 'mnist' / 'train-images-idx3-ubyte').stat().st_size == 16 + 1438 * 784


@pytest.mark.skipif(torch.cuda.is_available(), reason='AMP works where CUDA exists')
def test_amp_without_cuda_is_one_clear_line(mnist_demo_config, tmp_path):
    proc = run_tool(
        'tools/train.py', mnist_demo_config, '--amp', '--work-dir', tmp_path, check=False
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().endswith(
        '--amp needs a CUDA device (mmengine AmpOptimWrapper '
        'uses torch.cuda.amp); none is available here'
    )


def test_out_must_be_a_pickle(trained, mnist_demo_config):
    proc = run_tool(
        'tools/test.py', mnist_demo_config, trained / 'epoch_5.pth', '--out', 'r.json', check=False
    )
    assert proc.returncode == 2
    assert 'error: --out must be a .pkl or .pickle file, got r.json' in proc.stderr
