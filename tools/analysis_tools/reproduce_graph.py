"""Reproduce the graph family's published numbers on the real datasets.

    python tools/analysis_tools/reproduce_graph.py TASK --data-root ../shared/data --runs N

Each run builds the task's config with mmengine's Runner (train with early stopping, restore the
best weights, test) and appends one JSON line to ``--out``; the summary gives the mean test
accuracy and a 95% bootstrap confidence interval of the mean (as the APPNP reference reports).
Tasks and their run schedule:

- ``appnp_cora`` / ``gcn_cora`` / ``cluster_gcn_cora``: Cora, public Planetoid split, run i
  uses seed i.
- ``appnp_cora_ml`` / ``ppnp_cora_ml``: Cora-ML, the paper's protocol; run i uses split seed
  ``TEST_SPLIT_SEEDS[i % 20]`` and initialisation seed ``i // 20`` (20 splits x 5 seeds = 100
  runs; fewer runs still cover distinct splits first).

Runs are independent: split them over processes with ``--start``/``--runs`` and summarise the
union with ``--merge FILE...``.
"""

import argparse
import ast
import json
import os
import os.path as osp
import time

import numpy as np
from mmengine.config import Config
from mmengine.runner import Runner

from mmblog.datasets.graph.sparse_graph_npz_dataset import TEST_SPLIT_SEEDS
from mmblog.utils import quiet_repeat_run, register_all_modules, run_cli

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
TASKS = {
    'appnp_cora': ('configs/appnp/appnp_planetoid_cora.py', 'planetoid', False),
    'gcn_cora': ('configs/gcn/gcn_planetoid_cora.py', 'planetoid', False),
    'cluster_gcn_cora': ('configs/cluster_gcn/cluster_gcn_planetoid_cora.py', 'planetoid', False),
    'appnp_cora_ml': ('configs/appnp/appnp_ppnp_cora_ml.py', 'ppnp', True),
    'ppnp_cora_ml': ('configs/appnp/ppnp_ppnp_cora_ml.py', 'ppnp', True),
}


def bootstrap_ci(values, n_boot: int = 1000, seed: int = 0) -> tuple[float, float]:
    """95% percentile-bootstrap interval of the mean."""
    v = np.asarray(values, dtype=np.float64)
    rng = np.random.default_rng(seed)
    means = v[rng.integers(len(v), size=(n_boot, len(v)))].mean(1)
    return float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


def build_cfg(task: str, data_root: str, run: int, work_dir: str, options: dict) -> Config:
    config, sub, paper_protocol = TASKS[task]
    cfg = Config.fromfile(osp.join(ROOT, config))
    split_seed = TEST_SPLIT_SEEDS[run % len(TEST_SPLIT_SEEDS)] if paper_protocol else None
    for split in ('train', 'val', 'test'):
        ds = cfg[f'{split}_dataloader'].dataset
        if ds.type == 'ClusterDataset':  # Cluster-GCN: the node dataset is nested in `graph`
            ds = ds.graph
        ds.data_root = osp.join(data_root, sub)
        if split_seed is not None:
            ds.split_seed = split_seed
    quiet_repeat_run(cfg, work_dir, seed=run // len(TEST_SPLIT_SEEDS) if paper_protocol else run)
    cfg.merge_from_dict(options)
    return cfg


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('task', choices=sorted(TASKS))
    parser.add_argument('--data-root', help='folder with planetoid/ and ppnp/ (to run)')
    parser.add_argument('--runs', type=int, default=10)
    parser.add_argument('--start', type=int, default=0, help='first run index (to resume)')
    parser.add_argument('--out', help='JSON-lines file (default work_dirs/reproduce/TASK.jsonl)')
    parser.add_argument('--cfg-options', nargs='*', default=[], help='key=value (python literal)')
    parser.add_argument(
        '--merge',
        nargs='+',
        metavar='JSONL',
        help='run nothing: summarise the runs of TASK in these files (partial runs made with '
        '--start/--runs, possibly on several machines; a run index counts once)',
    )
    args = parser.parse_args(argv)
    if args.merge:
        summarize(args.task, merge_runs(args.task, args.merge))
        return
    if not args.data_root:
        parser.error('--data-root is required to run (only --merge works without it)')
    options = parse_cfg_options(args.cfg_options)
    out = args.out or osp.join('work_dirs', 'reproduce', f'{args.task}.jsonl')
    os.makedirs(osp.dirname(osp.abspath(out)), exist_ok=True)
    register_all_modules(init_default_scope=False)
    accs = []
    for run in range(args.start, args.start + args.runs):
        t0 = time.time()
        cfg = build_cfg(args.task, args.data_root, run, osp.join(osp.dirname(out), 'runs'), options)
        runner = Runner.from_cfg(cfg)
        runner.train()
        hook = next(h for h in runner.hooks if type(h).__name__ == 'MultiMetricEarlyStoppingHook')
        metrics = runner.test()
        acc = 100 * float(metrics['accuracy/top1'])
        record = dict(
            task=args.task,
            run=run,
            seed=cfg.randomness['seed'],
            split_seed=cfg.test_dataloader.dataset.get('split_seed'),
            test_acc=acc,
            best_epoch=hook.best_epoch,
            last_epoch=runner.epoch,
            seconds=round(time.time() - t0, 1),
        )
        with open(out, 'a') as f:
            f.write(json.dumps(record) + '\n')
        print(json.dumps(record), flush=True)
        accs.append(acc)
    summarize(args.task, accs)


def parse_cfg_options(pairs: list[str]) -> dict:
    """``key=value`` pairs; a value is a python literal (``False``, ``[64, 64]``, ``'diag'``) or
    else the plain string (``diag``)."""
    options = {}
    for kv in pairs:
        key, value = kv.split('=', 1)
        try:
            options[key] = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            options[key] = value
    return options


def merge_runs(task: str, paths: list[str]) -> list[float]:
    """Test accuracies of ``task``'s runs in the JSON-lines files, one per run index."""
    by_run = {}
    for path in paths:
        with open(path) as f:
            for lineno, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    if record['task'] == task:
                        by_run[int(record['run'])] = float(record['test_acc'])
                except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                    raise ValueError(f'{path}: line {lineno}: not a run record ({exc})') from None
    if not by_run:
        raise ValueError(f'no run of {task} in {paths}')
    print(f'runs: {sorted(by_run)}')
    return [by_run[r] for r in sorted(by_run)]


def summarize(task: str, accs: list[float]) -> None:
    lo, hi = bootstrap_ci(accs)
    print(
        f'{task}: {len(accs)} runs, test accuracy {np.mean(accs):.2f} '
        f'(std {np.std(accs):.2f}, 95% CI [{lo:.2f}, {hi:.2f}])'
    )


if __name__ == '__main__':
    run_cli(main)
