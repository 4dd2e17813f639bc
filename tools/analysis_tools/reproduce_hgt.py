"""Reproduce HGT on real DBLP four-area with its baselines, same split and seeds.

    python tools/analysis_tools/reproduce_hgt.py --data-root ../shared/data/dblp_four_area \\
        --models hgt mlp gcn --runs 5

Each (model, run) builds ``configs/hgt/<model>_dblp.py`` with mmengine's Runner (train with early
stopping on val accuracy, restore the best weights, test on the split's test authors), with
``randomness.seed = run`` and the config's fixed split (``split_seed`` 0: 24/6/70 of the 4057
labelled authors). One JSON line per run goes to ``--out``; the summary is the mean and
standard deviation of test micro- and macro-F1 per model.
"""

import argparse
import json
import os
import os.path as osp
import time
import uuid

import numpy as np
from mmengine.config import Config
from mmengine.runner import Runner

from mmblog.utils import register_all_modules, run_cli

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
MODELS = ('hgt', 'mlp', 'gcn')


def build_cfg(model: str, data_root: str, seed: int, work_dir: str) -> Config:
    cfg = Config.fromfile(osp.join(ROOT, 'configs', 'hgt', f'{model}_dblp.py'))
    for split in ('train', 'val', 'test'):
        cfg[f'{split}_dataloader'].dataset.data_root = data_root
    cfg.randomness = dict(seed=seed)
    cfg.work_dir = work_dir
    cfg.log_level = 'WARNING'
    cfg.default_hooks.checkpoint = None
    for hook in cfg.get('custom_hooks', []):
        if hook.type == 'MultiMetricEarlyStoppingHook':
            hook.save_as = None
    cfg.visualizer = dict(type='Visualizer', vis_backends=[], name=f'vis_{uuid.uuid4().hex}')
    cfg.experiment_name = cfg.visualizer.name
    return cfg


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--data-root', required=True, help='folder with the DBLP four-area files')
    parser.add_argument('--models', nargs='+', choices=MODELS, default=list(MODELS))
    parser.add_argument('--runs', type=int, default=5)
    parser.add_argument('--start', type=int, default=0, help='first seed (to split or resume)')
    parser.add_argument('--out', default='work_dirs/reproduce/hgt_dblp.jsonl')
    args = parser.parse_args(argv)
    if not osp.isfile(osp.join(args.data_root, 'author_label.txt')):
        raise FileNotFoundError(
            f'data not found: {osp.join(args.data_root, "author_label.txt")} -- pass the folder '
            'of the DBLP four-area raw files (Jhy1993/HAN data/DBLP_four_area) as --data-root'
        )
    os.makedirs(osp.dirname(osp.abspath(args.out)), exist_ok=True)
    register_all_modules(init_default_scope=False)
    results = {}
    for model in args.models:
        for seed in range(args.start, args.start + args.runs):
            t0 = time.time()
            cfg = build_cfg(model, args.data_root, seed, osp.join(osp.dirname(args.out), 'runs'))
            runner = Runner.from_cfg(cfg)
            runner.train()
            metrics = runner.test()
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
    for model, recs in results.items():
        mi = np.array([r['micro_f1'] for r in recs])
        ma = np.array([r['macro_f1'] for r in recs])
        print(
            f'{model}: {len(recs)} seeds, test micro-F1 {mi.mean():.2f} +- {mi.std():.2f}, '
            f'macro-F1 {ma.mean():.2f} +- {ma.std():.2f}'
        )


if __name__ == '__main__':
    run_cli(main)
