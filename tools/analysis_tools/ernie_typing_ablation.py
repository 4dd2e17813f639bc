"""ERNIE entity typing with vs without entities (and with dEA), over several seeds.

    python tools/analysis_tools/ernie_typing_ablation.py [--configs C1 C2 ...] [--seeds 0 1 2]
        [--work-dir work_dirs/ernie_typing_ablation] [--cfg-options ...]

Trains every config with every seed (mmengine Runner, in this process), evaluates the test
split, stores ``results.json`` per run and prints micro-F1 / strict accuracy as mean +- std,
together with every finished run found under the work dir (so runs split over processes are
summarised by one more call with ``--report-only``).
"""

import argparse
import json
import os.path as osp
from glob import glob

import numpy as np
from mmengine.config import Config, DictAction
from mmengine.runner import Runner

from mmblog.utils import merge_cfg_options, register_all_modules, run_cli

DEFAULT_CONFIGS = [
    'configs/ernie/ernie_typing_demo.py',
    'configs/ernie/ernie_typing_demo_no_entities.py',
    'configs/ernie/ernie_typing_demo_dea.py',
]


def report(work_dir: str) -> None:
    rows: dict[str, list[dict]] = {}
    for path in sorted(glob(osp.join(work_dir, '*', 'results.json'))):
        res = json.load(open(path))
        rows.setdefault(res['config'], []).append(res)
    print(f'{"config":<40} {"seeds":<8} {"test micro-F1":<18} {"strict acc":<18}')
    for name, runs in rows.items():
        f1 = np.array([r['typing/micro_f1'] for r in runs])
        acc = np.array([r['typing/strict_acc'] for r in runs])
        seeds = ','.join(str(r['seed']) for r in runs)
        print(
            f'{name:<40} {seeds:<8} {f1.mean():.3f} +- {f1.std():.3f}     '
            f'{acc.mean():.3f} +- {acc.std():.3f}'
        )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--configs', nargs='+', default=DEFAULT_CONFIGS)
    parser.add_argument('--seeds', nargs='+', type=int, default=[0, 1, 2])
    parser.add_argument('--work-dir', default='work_dirs/ernie_typing_ablation')
    parser.add_argument('--report-only', action='store_true')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction)
    args = parser.parse_args(argv)
    register_all_modules()
    if not args.report_only:
        for config in args.configs:
            for seed in args.seeds:
                name = osp.splitext(osp.basename(config))[0]
                cfg = Config.fromfile(config)
                merge_cfg_options(cfg, args.cfg_options)
                cfg.randomness = dict(seed=seed, deterministic=False)
                cfg.work_dir = osp.join(args.work_dir, f'{name}_seed{seed}')
                cfg.default_hooks.checkpoint = dict(type='CheckpointHook', interval=10**6)
                runner = Runner.from_cfg(cfg)
                runner.train()
                metrics = runner.test()
                with open(osp.join(cfg.work_dir, 'results.json'), 'w') as f:
                    json.dump(dict(metrics, config=name, seed=seed), f)
    report(args.work_dir)


if __name__ == '__main__':
    run_cli(main)
