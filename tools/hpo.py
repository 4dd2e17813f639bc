"""Hyper-parameter search over a config with optuna (seed 003's Cloud ML tuning job, locally).

Every trial is a real train + val run of the config (``tools/train.py`` in a subprocess, so
parallel trials never share mmengine's global state), with the sampled values merged in like
``--cfg-options``. Results go to ``WORK_DIR/results.{csv,md}`` and, for the first log-scaled
parameter, ``WORK_DIR/metric_vs_log_<param>.png`` (the post's accuracy-vs-log(lr) figure).

Example (the post's YAML: goal MAXIMIZE, maxTrials 10, maxParallelTrials 1, learning rate
DOUBLE in [0.0001, 0.5] with UNIT_LOG_SCALE)::

    python tools/hpo.py configs/resnet_cifar/resnet20_cifar10_demo.py \\
        --space optim_wrapper.optimizer.lr=loguniform:1e-4:0.5 \\
        --max-trials 10 --max-parallel-trials 1 --metric accuracy/top1 --goal maximize

Several processes or machines share one study with ``--storage URL --study-name NAME``: a journal
file on a shared filesystem (``journal:/shared/hpo.log``, or any path ending in ``.log``) or an
RDB URL (``sqlite:///hpo.db``, ``postgresql://...``). Each process runs ``--max-trials`` trials
of the shared study, and each writes the whole study's table into ``--work-dir``.
"""

import argparse
import csv
import glob
import hashlib
import json
import math
import os
import os.path as osp
import socket
import subprocess
import sys
import threading
import time

from mmengine.config import Config, DictAction

from mmblog.utils import ToolUsageError, merge_cfg_options, run_cli

TRAIN = osp.join(osp.dirname(osp.abspath(__file__)), 'train.py')


def parse_space(items: list[str]) -> dict:
    """``key=kind:args`` -> {key: (kind, args)}; kinds: loguniform/uniform:lo:hi, int:lo:hi,
    choice:a,b,c."""
    space = {}
    for item in items:
        key, sep, spec = item.partition('=')
        kind, _, rest = spec.partition(':')
        if not sep or not rest:
            raise ValueError(
                f'--space {item!r}: expected KEY=loguniform:LO:HI, uniform:LO:HI, '
                'int:LO:HI or choice:A,B,...'
            )
        if kind in ('loguniform', 'uniform', 'int'):
            parts = rest.split(':')
            if len(parts) != 2:
                raise ValueError(f'--space {item!r}: {kind} needs LO:HI')
            lo, hi = (int(p) for p in parts) if kind == 'int' else (float(p) for p in parts)
            if not lo < hi or (kind == 'loguniform' and lo <= 0):
                raise ValueError(f'--space {item!r}: need 0 < LO < HI for loguniform, LO < HI')
            space[key] = (kind, (lo, hi))
        elif kind == 'choice':
            space[key] = (kind, tuple(_literal(v) for v in rest.split(',')))
        else:
            raise ValueError(f'--space {item!r}: unknown kind {kind!r}')
    return space


def _literal(text: str):
    for cast in (int, float):
        try:
            return cast(text)
        except ValueError:
            pass
    return text


def suggest(trial, space: dict) -> dict:
    values = {}
    for key, (kind, args) in space.items():
        if kind == 'loguniform':
            values[key] = trial.suggest_float(key, *args, log=True)
        elif kind == 'uniform':
            values[key] = trial.suggest_float(key, *args)
        elif kind == 'int':
            values[key] = trial.suggest_int(key, *args)
        else:
            values[key] = trial.suggest_categorical(key, list(args))
    return values


def read_last_metric(work_dir: str, metric: str) -> float:
    """The last value of ``metric`` that the run's validation wrote to its scalars.json."""
    files = sorted(glob.glob(osp.join(work_dir, '*', 'vis_data', 'scalars.json')))
    value = None
    for path in files:
        with open(path) as f:
            for line in f:
                record = json.loads(line)
                if metric in record:
                    value = float(record[metric])
    if value is None:
        raise RuntimeError(
            f'{work_dir}: no validation value of {metric!r} was logged; check the '
            'metric name and that val_interval divides the training length'
        )
    return value


def make_objective(args, space: dict, threads_per_trial: int, lock: threading.Lock):
    def objective(trial) -> float:
        values = suggest(trial, space)
        trial_dir = osp.join(args.work_dir, f'trial_{trial.number:03d}')
        options = [f'{k}={v!r}' if isinstance(v, str) else f'{k}={v}' for k, v in values.items()]
        options += [f'{k}={v}' for k, v in (args.cfg_options or {}).items()]
        cmd = [sys.executable, TRAIN, args.config, '--work-dir', trial_dir]
        if options:
            cmd += ['--cfg-options', *[o.replace(' ', '') for o in options]]
        env = dict(
            os.environ,
            OMP_NUM_THREADS=str(threads_per_trial),
            MKL_NUM_THREADS=str(threads_per_trial),
        )
        os.makedirs(trial_dir, exist_ok=True)
        start = time.time()
        with open(osp.join(trial_dir, 'train.log'), 'w') as log:
            rc = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, env=env).returncode
        trial.set_user_attr('seconds', round(time.time() - start, 1))
        if rc != 0:
            raise RuntimeError(
                f'trial {trial.number} failed (exit {rc}); see {trial_dir}/train.log'
            )
        value = read_last_metric(trial_dir, args.metric)
        with lock:
            print(
                f'trial {trial.number}: {values} -> {args.metric} = {value:.4f} '
                f'({time.time() - start:.0f} s)',
                flush=True,
            )
        return value

    return objective


def write_results(study, args, space: dict) -> list[str]:
    """results.csv, results.md and the metric-vs-log(param) plot; returns the written paths."""
    keys = list(space)
    rows = []
    for t in study.trials:
        rows.append(
            {
                'trial': t.number + 1,
                **{k: t.params.get(k) for k in keys},
                args.metric: t.value,
                'state': t.state.name,
                'seconds': t.user_attrs.get('seconds'),
            }
        )
    fields = ['trial', *keys, args.metric, 'state', 'seconds']
    csv_path = osp.join(args.work_dir, 'results.csv')
    with open(csv_path + '.tmp', 'w', newline='') as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    os.replace(csv_path + '.tmp', csv_path)

    def fmt(v):
        return f'{v:.6g}' if isinstance(v, float) else ('' if v is None else str(v))

    md = [
        f'# HPO of {args.config}',
        '',
        f'goal: {args.goal} {args.metric}, trials: {len(rows)}, '
        f'parallel: {args.max_parallel_trials}, sampler: {args.sampler}',
        '',
        '| ' + ' | '.join(fields) + ' |',
        '|' + '---|' * len(fields),
    ]
    md += ['| ' + ' | '.join(fmt(r[k]) for k in fields) + ' |' for r in rows]
    done = [t for t in study.trials if t.value is not None]
    if done:
        md += [
            '',
            f'best: trial {study.best_trial.number + 1} {study.best_params} -> '
            f'{args.metric} = {study.best_value:.4f}',
        ]
    md_path = osp.join(args.work_dir, 'results.md')
    with open(md_path + '.tmp', 'w') as f:
        f.write('\n'.join(md) + '\n')
    os.replace(md_path + '.tmp', md_path)
    written = [csv_path, md_path]

    log_keys = [k for k in keys if space[k][0] == 'loguniform']
    if log_keys and done:
        import matplotlib

        matplotlib.use('Agg')
        import matplotlib.pyplot as plt

        key = log_keys[0]
        xs = [math.log10(t.params[key]) for t in done]
        ys = [t.value for t in done]
        fig, ax = plt.subplots(figsize=(6, 4))
        ax.scatter(xs, ys)
        for t, x, y in zip(done, xs, ys):
            ax.annotate(str(t.number + 1), (x, y), textcoords='offset points', xytext=(4, 4))
        lo, hi = space[key][1]
        ax.set(
            xlim=(math.log10(lo) - 0.1, math.log10(hi) + 0.1),
            xlabel=f'log10({key.split(".")[-1]})',
            ylabel=args.metric,
            title=f'{args.metric} vs log10({key.split(".")[-1]})',
        )
        ax.grid(alpha=0.3)
        fig.tight_layout()
        png = osp.join(args.work_dir, f'metric_vs_log_{key.split(".")[-1]}.png')
        fig.savefig(png + '.tmp.png', dpi=100)
        plt.close(fig)
        os.replace(png + '.tmp.png', png)
        written.append(png)
    return written


def make_storage(url: str | None):
    """None -> in-memory; ``journal:PATH`` or ``*.log`` -> a journal file; else an RDB URL."""
    if url is None:
        return None
    import optuna

    path = url[len('journal:') :] if url.startswith('journal:') else None
    if path is None and '://' not in url and url.endswith(('.log', '.jsonl')):
        path = url
    if path is None:
        return url  # optuna builds RDBStorage from sqlite:///..., postgresql://..., mysql://...
    if not path:
        raise ToolUsageError(f'--storage {url!r}: expected journal:PATH')
    os.makedirs(osp.dirname(osp.abspath(path)), exist_ok=True)
    return optuna.storages.JournalStorage(optuna.storages.journal.JournalFileBackend(path))


def sampler_seed(seed: int, shared: bool) -> int:
    """The sampler's seed; in a shared study each process gets its own, or processes started
    with the same --seed would all propose the same values."""
    if not shared:
        return seed
    key = f'{seed}:{socket.gethostname()}:{os.getpid()}'.encode()
    return int.from_bytes(hashlib.sha256(key).digest()[:4], 'little')


def write_katib(args, space: dict) -> None:
    """The search as a Katib Experiment (seed 003's tuning job on Kubeflow)."""
    import yaml

    from mmblog.deploy.katib_experiment import katib_experiment

    name = args.study_name or 'hpo-' + osp.splitext(osp.basename(args.config))[0]
    experiment = katib_experiment(
        name=name.lower().replace('_', '-'),
        config=args.config,
        space=space,
        metric=args.metric,
        goal=args.goal,
        max_trials=args.max_trials,
        max_parallel_trials=args.max_parallel_trials,
        sampler=args.sampler,
        image=args.image,
        fixed_options=[f'{k}={v}' for k, v in (args.cfg_options or {}).items()],
    )
    with open(args.katib_out, 'w') as f:
        yaml.safe_dump(experiment, f, sort_keys=False)
    print(f'wrote {args.katib_out}')


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description='Hyper-parameter search (optuna)')
    parser.add_argument('config')
    parser.add_argument(
        '--space',
        nargs='+',
        default=['optim_wrapper.optimizer.lr=loguniform:1e-4:0.5'],
        help='KEY=loguniform:LO:HI | uniform:LO:HI | int:LO:HI | choice:A,B '
        "(default: the post's lr in [1e-4, 0.5], log scale)",
    )
    parser.add_argument('--max-trials', type=int, default=10)
    parser.add_argument('--max-parallel-trials', type=int, default=1)
    parser.add_argument('--metric', default='accuracy/top1')
    parser.add_argument('--goal', choices=['maximize', 'minimize'], default='maximize')
    parser.add_argument('--sampler', choices=['tpe', 'random', 'qmc', 'gp'], default='tpe')
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--work-dir', help='default: work_dirs/hpo_<config name>')
    parser.add_argument(
        '--storage',
        help='share the study between processes/machines: journal:PATH (or PATH.log) on a '
        'shared filesystem, or an RDB URL such as sqlite:///hpo.db',
    )
    parser.add_argument('--study-name', help='name of the shared study (required with --storage)')
    parser.add_argument(
        '--katib-out',
        help='write the same search as a Katib Experiment YAML here and exit (no local trials)',
    )
    parser.add_argument('--image', default='mmblog:latest', help='trial image for --katib-out')
    parser.add_argument(
        '--cfg-options',
        nargs='+',
        action=DictAction,
        help='fixed overrides for every trial (keys must exist)',
    )
    args = parser.parse_args(argv)
    import optuna

    if args.max_trials < 1 or args.max_parallel_trials < 1:
        raise ValueError('--max-trials and --max-parallel-trials must be >= 1')
    if args.storage and not args.study_name:
        raise ToolUsageError('--storage needs --study-name (the same in every process)')
    space = parse_space(args.space)
    # Fail fast on a typo in a searched or fixed key, before any trial starts.
    cfg = Config.fromfile(args.config)
    merge_cfg_options(
        cfg, {k: (v[1][0] if v[0] != 'choice' else v[1][0]) for k, v in space.items()}
    )
    merge_cfg_options(cfg, args.cfg_options)
    if args.katib_out:
        write_katib(args, space)
        return
    args.work_dir = args.work_dir or osp.join(
        'work_dirs', 'hpo_' + osp.splitext(osp.basename(args.config))[0]
    )
    os.makedirs(args.work_dir, exist_ok=True)

    seed = sampler_seed(args.seed, shared=args.storage is not None)
    samplers = {
        'tpe': lambda: optuna.samplers.TPESampler(seed=seed),
        'random': lambda: optuna.samplers.RandomSampler(seed=seed),
        # QMC's points are a sequence; with the same seed, shared-study processes split it.
        'qmc': lambda: optuna.samplers.QMCSampler(seed=args.seed, scramble=True),
        'gp': lambda: optuna.samplers.GPSampler(seed=seed),
    }
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.create_study(
        study_name=args.study_name,
        storage=make_storage(args.storage),
        direction=args.goal,
        sampler=samplers[args.sampler](),
        load_if_exists=True,
    )
    if study.direction.name.lower() != args.goal:
        raise ToolUsageError(
            f'study {args.study_name!r} in {args.storage} is to '
            f'{study.direction.name.lower()}, not to {args.goal}'
        )
    threads = max(1, (os.cpu_count() or 1) // args.max_parallel_trials)
    objective = make_objective(args, space, threads, threading.Lock())
    study.optimize(
        objective, n_trials=args.max_trials, n_jobs=args.max_parallel_trials, catch=(RuntimeError,)
    )
    for path in write_results(study, args, space):
        print(f'wrote {path}')
    if not any(t.value is not None for t in study.trials):
        raise RuntimeError(f'every trial failed; see {args.work_dir}/trial_*/train.log')
    print(f'best: {study.best_params} -> {args.metric} = {study.best_value:.4f}')


if __name__ == '__main__':
    run_cli(main)
