"""Train several configs over several seeds with tools/train.py and print one markdown table.

    python tools/analysis_tools/ablation_table.py CONFIG [CONFIG ...] --seeds 0 1 2 \\
        --keys retrieval/R@1 retrieval/MedR --work-dir work_dirs/ablation

Each cell is the last validation value of a key, mean +- std over the seeds. ``--names`` gives
the rows their labels (default: the config file names).
"""

import argparse
import json
import os
import os.path as osp
import subprocess
import sys

import numpy as np

from mmblog.utils import ToolUsageError, run_cli

_TRAIN = osp.join(osp.dirname(osp.dirname(osp.abspath(__file__))), 'train.py')


def last_val_metrics(work_dir: str) -> dict[str, float]:
    """The last validation record of the newest run in ``work_dir``."""
    from analyze_logs import resolve_log  # same folder

    last = {}
    with open(resolve_log(work_dir)) as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                if 'iter' not in rec:
                    last = rec
    return last


def format_table(names: list[str], keys: list[str], values: dict) -> str:
    """A markdown table: one row per name, one ``mean +- std`` column per key."""
    lines = ['| config | ' + ' | '.join(keys) + ' |', '|---' * (len(keys) + 1) + '|']
    for name in names:
        cells = []
        for key in keys:
            vals = np.asarray(values[name][key], dtype=float)
            if len(vals) == 0:
                cells.append('-')
                continue
            cells.append(
                f'{vals.mean():.2f} +- {vals.std():.2f}' if len(vals) > 1 else f'{vals.mean():.2f}'
            )
        lines.append(f'| {name} | ' + ' | '.join(cells) + ' |')
    return '\n'.join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument('configs', nargs='+')
    parser.add_argument('--seeds', nargs='+', type=int, default=[0])
    parser.add_argument('--keys', nargs='+', required=True, help='validation keys to report')
    parser.add_argument('--names', nargs='+', help='row labels, one per config')
    parser.add_argument('--work-dir', default='work_dirs/ablation')
    parser.add_argument('--cfg-options', nargs='+', default=[], help='passed to every run')
    parser.add_argument('--reuse', action='store_true', help='read existing runs, train none')
    args = parser.parse_args(argv)
    names = args.names or [osp.splitext(osp.basename(c))[0] for c in args.configs]
    if len(names) != len(args.configs):
        raise ToolUsageError(f'{len(names)} names for {len(args.configs)} configs')
    values = {n: {k: [] for k in args.keys} for n in names}
    for name, config in zip(names, args.configs):
        for seed in args.seeds:
            work_dir = osp.join(args.work_dir, f'{name}_seed{seed}')
            if not args.reuse:
                cmd = [
                    sys.executable,
                    _TRAIN,
                    config,
                    '--work-dir',
                    work_dir,
                    '--cfg-options',
                    f'randomness.seed={seed}',
                    *args.cfg_options,
                ]
                print('+', ' '.join(cmd), flush=True)
                subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=os.environ)
            metrics = last_val_metrics(work_dir)
            if not set(args.keys) & set(metrics):
                raise ToolUsageError(
                    f'{work_dir}: none of {args.keys} in the last validation record '
                    f'(keys: {sorted(metrics)})'
                )
            for key in args.keys:
                # A config may report only some keys (one pre-training task each): '-' cells.
                if key in metrics:
                    values[name][key].append(metrics[key])
    print(format_table(names, args.keys, values))


if __name__ == '__main__':
    sys.path.insert(0, osp.dirname(osp.abspath(__file__)))
    run_cli(main)
