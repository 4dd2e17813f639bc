"""HERO's architecture ablation on the demo corpus, end to end, printed as one markdown table.

    python tools/analysis_tools/hero_ablation.py [--work-dir work_dirs/hero_ablation] [--seed 0]
        [--iters N]

Pre-trains HERO (MLM + MNCE + FOM + VSM), H-TRM (the hierarchical encoder with MLM + MNCE) and
F-TRM (one flat encoder, MLM + MNCE), then fine-tunes TVR from each checkpoint and from scratch
(the flat and the hierarchical encoder), and reports TVR R@1/R@10 at IoU 0.5 and 0.7.
"""

import argparse
import os.path as osp
import subprocess
import sys

from ablation_table import _TRAIN, format_table, last_val_metrics

from mmblog.utils import run_cli

PRETRAIN = {
    'HERO': 'configs/hero/hero_pretrain_demo.py',
    'H-TRM': 'configs/hero/htrm_pretrain_demo.py',
    'F-TRM': 'configs/hero/ftrm_pretrain_demo.py',
}
# (row, TVR config, pre-training to start from or None)
ROWS = [
    ('F-TRM, no pre-training', 'configs/hero/ftrm_tvr_demo.py', None),
    ('F-TRM, pre-trained', 'configs/hero/ftrm_tvr_demo.py', 'F-TRM'),
    ('H-TRM / HERO, no pre-training', 'configs/hero/hero_tvr_demo.py', None),
    ('H-TRM, pre-trained (MLM + MNCE)', 'configs/hero/hero_tvr_demo.py', 'H-TRM'),
    ('HERO, pre-trained (MLM + MNCE + FOM + VSM)', 'configs/hero/hero_tvr_demo.py', 'HERO'),
]
KEYS = ['tvr/R@1_IoU0.5', 'tvr/R@10_IoU0.5', 'tvr/R@1_IoU0.7', 'tvr/R@10_IoU0.7']


def train(config: str, work_dir: str, seed: int, extra: list[str]) -> str:
    cmd = [
        sys.executable,
        _TRAIN,
        config,
        '--work-dir',
        work_dir,
        '--cfg-options',
        f'randomness.seed={seed}',
        *extra,
    ]
    print('+', ' '.join(cmd), flush=True)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return work_dir


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument('--work-dir', default='work_dirs/hero_ablation')
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--iters', type=int, help='iterations of every run (default: configs)')
    parser.add_argument('--reuse', action='store_true', help='read existing runs, train none')
    args = parser.parse_args(argv)
    opts = []
    if args.iters:
        opts = [
            f'train_cfg.max_iters={args.iters}',
            f'train_cfg.val_interval={args.iters}',
            f'default_hooks.checkpoint.interval={args.iters}',
        ]
    ckpts = {}
    for name, config in PRETRAIN.items():
        wd = osp.join(args.work_dir, 'pretrain_' + name)
        if not args.reuse:
            train(config, wd, args.seed, opts)
        with open(osp.join(wd, 'last_checkpoint')) as f:
            ckpts[name] = f.read().strip()
    values = {}
    for row, config, pretrained in ROWS:
        wd = osp.join(args.work_dir, 'tvr_' + (pretrained or osp.basename(config)[:-3]))
        extra = [f'load_from={ckpts[pretrained]}'] if pretrained else []
        if not args.reuse:
            train(config, wd, args.seed, extra + opts)
        metrics = last_val_metrics(wd)
        values[row] = {k: [metrics[k]] for k in KEYS}
    print(format_table([r[0] for r in ROWS], KEYS, values))


if __name__ == '__main__':
    sys.path.insert(0, osp.dirname(osp.abspath(__file__)))
    run_cli(main)
