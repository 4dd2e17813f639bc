"""tools/hpo.py --storage/--study-name: several processes share one optuna study."""

import csv
import importlib.util
import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT, tool_env


def hpo_command(config, work_dir, storage, *extra) -> list[str]:
    return [
        sys.executable,
        'tools/hpo.py',
        str(config),
        '--space',
        'optim_wrapper.optimizer.lr=loguniform:1e-3:0.5',
        '--max-trials',
        '2',
        '--sampler',
        'random',
        '--work-dir',
        str(work_dir),
        '--storage',
        storage,
        '--study-name',
        'shared-mnist',
        '--cfg-options',
        'train_cfg.max_epochs=1',
        *extra,
    ]


@pytest.mark.slow
def test_two_processes_share_one_journal_study(mnist_demo_config, tmp_path):
    import optuna

    journal = tmp_path / 'shared' / 'hpo.log'
    work_dir = tmp_path / 'hpo'
    procs = [
        subprocess.Popen(
            hpo_command(mnist_demo_config, work_dir, f'journal:{journal}'),
            cwd=REPO_ROOT,
            env=tool_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]
    for proc in procs:
        out = proc.communicate(timeout=600)[0]
        assert proc.returncode == 0, out[-3000:]

    storage = optuna.storages.JournalStorage(
        optuna.storages.journal.JournalFileBackend(str(journal))
    )
    study = optuna.load_study(study_name='shared-mnist', storage=storage)
    trials = study.trials
    assert len(trials) == 4
    assert sorted(t.number for t in trials) == [0, 1, 2, 3]
    assert all(t.state == optuna.trial.TrialState.COMPLETE for t in trials)
    # The processes seed their samplers differently, so no two trials share a learning rate.
    assert len({t.params['optim_wrapper.optimizer.lr'] for t in trials}) == 4
    assert sorted(p.name for p in work_dir.glob('trial_*')) == [f'trial_00{i}' for i in range(4)]
    # One table for the whole study (the last process to finish writes it complete).
    with open(work_dir / 'results.csv') as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 4 and {r['state'] for r in rows} == {'COMPLETE'}
    for row, trial in zip(rows, trials):
        assert float(row['accuracy/top1']) == pytest.approx(trial.value)


def load_hpo():
    spec = importlib.util.spec_from_file_location('hpo', REPO_ROOT / 'tools' / 'hpo.py')
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_storage_needs_a_study_name(mnist_demo_config, tmp_path):
    from mmblog.utils import ToolUsageError

    with pytest.raises(ToolUsageError) as error:
        load_hpo().main([str(mnist_demo_config), '--storage', f'journal:{tmp_path}/j.log'])
    assert str(error.value) == '--storage needs --study-name (the same in every process)'


def test_storage_urls(tmp_path):
    import optuna

    HPO = load_hpo()
    assert HPO.make_storage(None) is None
    assert HPO.make_storage('sqlite:///x.db') == 'sqlite:///x.db'
    for url in (f'journal:{tmp_path}/a/j.log', str(tmp_path / 'b' / 'j.log')):
        assert isinstance(HPO.make_storage(url), optuna.storages.JournalStorage)
    assert (tmp_path / 'a').is_dir() and (tmp_path / 'b').is_dir()
    assert HPO.sampler_seed(3, shared=False) == 3


def test_katib_experiment_mirrors_the_seed_tuning_job(tmp_path):
    import re

    import yaml

    out = tmp_path / 'experiment.yaml'
    load_hpo().main(
        [
            str(REPO_ROOT / 'configs/mnist/softmax_regression_mnist_demo.py'),
            '--space',
            'optim_wrapper.optimizer.lr=loguniform:1e-4:0.5',
            '--max-trials',
            '10',
            '--max-parallel-trials',
            '1',
            '--goal',
            'maximize',
            '--katib-out',
            str(out),
            '--work-dir',
            str(tmp_path / 'local'),
        ]
    )
    exp = yaml.safe_load(out.read_text())
    spec = exp['spec']
    assert exp['kind'] == 'Experiment' and exp['apiVersion'] == 'kubeflow.org/v1beta1'
    assert spec['objective'] == {'type': 'maximize', 'objectiveMetricName': 'accuracy/top1'}
    assert (spec['maxTrialCount'], spec['parallelTrialCount']) == (10, 1)
    assert spec['parameters'] == [
        {
            'name': 'lr',
            'parameterType': 'double',
            'feasibleSpace': {'min': '0.0001', 'max': '0.5', 'distribution': 'logUniform'},
        }
    ]
    container = spec['trialTemplate']['trialSpec']['spec']['template']['spec']['containers'][0]
    assert container['command'][-1] == 'optim_wrapper.optimizer.lr=${trialParameters.lr}'
    # Katib's StdOut collector must find the value in mmengine's validation log line.
    (fmt,) = spec['metricsCollectorSpec']['source']['filter']['metricsFormat']
    line = '11/30 01:21:37 - mmengine - INFO - Epoch(val) [5][4/4]    accuracy/top1: 0.9666  data_time: 0.0036'
    assert re.search(fmt, line).groups() == ('accuracy/top1', '0.9666')
    assert not (tmp_path / 'local').exists()  # no local trials
