"""Reproduce HGT on real DBLP four-area (or the OGB-MAG-layout demo) with its baselines, same
split and seeds.

    python tools/analysis_tools/reproduce_hgt.py --data-root ../shared/data/dblp_four_area \\
        --models hgt mlp gcn --runs 5
    python tools/analysis_tools/reproduce_hgt.py --suite ogbn_mag_demo \\
        --data-root data/demo/ogbn_mag/mag --models hgt hgt_no_rte mlp --runs 3

Each (model, run) builds ``configs/hgt/<model>_dblp.py`` with mmengine's Runner (train with early
stopping on val accuracy, restore the best weights, test on the split's test authors), with
``randomness.seed = run`` and the config's fixed split (``split_seed`` 0: 24/6/70 of the 4057
labelled authors; the demo: OGB's time split). One JSON line per run goes to ``--out``; the
summary is the mean and standard deviation of test micro- and macro-F1 per model, and the
majority-class baseline (the most frequent training label) on the same test nodes.
"""

import argparse
import json
import os
import os.path as osp
import time

import numpy as np
import torch
from mmengine.config import Config
from mmengine.runner import Runner

from mmblog.evaluation.metrics.f1_score import f1_scores
from mmblog.utils import ToolUsageError, quiet_repeat_run, register_all_modules, run_cli

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
SUITES = {'dblp': ('hgt', 'mlp', 'gcn'), 'ogbn_mag_demo': ('hgt', 'hgt_no_rte', 'mlp')}


def build_cfg(suite: str, model: str, data_root: str, seed: int, work_dir: str) -> Config:
    cfg = Config.fromfile(osp.join(ROOT, 'configs', 'hgt', f'{model}_{suite}.py'))
    for split in ('train', 'val', 'test'):
        cfg[f'{split}_dataloader'].dataset.data_root = data_root
    return quiet_repeat_run(cfg, work_dir, seed)


def majority_f1(dataset) -> tuple[float, float]:
    """Micro/macro-F1 (%) of predicting the most frequent training label on the test nodes."""
    store = dataset.target_store
    y = store.y
    train, test = y[store.train_mask], y[store.test_mask]
    pred = torch.full_like(test, int(torch.bincount(train).argmax()))
    scores = f1_scores(pred, test, int(y.max()) + 1)
    return float(scores['micro_f1']), float(scores['macro_f1'])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--suite', choices=sorted(SUITES), default='dblp')
    parser.add_argument('--data-root', required=True, help='folder with the raw files')
    parser.add_argument('--models', nargs='+', help='configs/hgt/<model>_<suite>.py (default all)')
    parser.add_argument('--runs', type=int, default=5)
    parser.add_argument('--start', type=int, default=0, help='first seed (to split or resume)')
    parser.add_argument('--out', default='work_dirs/reproduce/hgt_dblp.jsonl')
    args = parser.parse_args(argv)
    models = args.models or list(SUITES[args.suite])
    bad = sorted(set(models) - set(SUITES[args.suite]))
    if bad:
        raise ToolUsageError(f'--models {bad} not in suite {args.suite}: {SUITES[args.suite]}')
    probe = 'author_label.txt' if args.suite == 'dblp' else 'raw/num-node-dict.csv.gz'
    if not osp.isfile(osp.join(args.data_root, probe)):
        how = (
            'pass the folder of the DBLP four-area raw files (Jhy1993/HAN) as --data-root'
            if args.suite == 'dblp'
            else 'python tools/misc/make_demo_data.py --only ogbn_mag'
        )
        raise FileNotFoundError(f'data not found: {osp.join(args.data_root, probe)} -- {how}')
    os.makedirs(osp.dirname(osp.abspath(args.out)), exist_ok=True)
    register_all_modules(init_default_scope=False)
    results = {}
    majority = None
    for model in models:
        for seed in range(args.start, args.start + args.runs):
            t0 = time.time()
            cfg = build_cfg(
                args.suite, model, args.data_root, seed, osp.join(osp.dirname(args.out), 'runs')
            )
            runner = Runner.from_cfg(cfg)
            runner.train()
            metrics = runner.test()
            if majority is None:
                majority = majority_f1(runner.test_dataloader.dataset)
            record = dict(
                model=model,
                seed=seed,
                split_seed=cfg.test_dataloader.dataset.get('split_seed'),
                micro_f1=float(metrics['f1/micro_f1']),
                macro_f1=float(metrics['f1/macro_f1']),
                last_epoch=runner.epoch,
                seconds=round(time.time() - t0, 1),
            )
            with open(args.out, 'a') as f:
                f.write(json.dumps(record) + '\n')
            print(json.dumps(record), flush=True)
            results.setdefault(model, []).append(record)
    if majority is not None:
        print(f'majority class: test micro-F1 {majority[0]:.2f}, macro-F1 {majority[1]:.2f}')
    for model, recs in results.items():
        mi = np.array([r['micro_f1'] for r in recs])
        ma = np.array([r['macro_f1'] for r in recs])
        print(
            f'{model}: {len(recs)} seeds, test micro-F1 {mi.mean():.2f} +- {mi.std():.2f}, '
            f'macro-F1 {ma.mean():.2f} +- {ma.std():.2f}'
        )


if __name__ == '__main__':
    run_cli(main)
