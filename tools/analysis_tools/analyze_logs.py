"""Plot curves from, or summarise, mmengine json logs.

    python tools/analysis_tools/analyze_logs.py plot_curve LOG [LOG ...] --keys loss --out c.png
    python tools/analysis_tools/analyze_logs.py cal_train_time LOG

LOG is a ``vis_data/*.json`` / ``scalars.json`` file or a work dir (its newest run is used).
"""

import argparse
import glob
import json
import os
import os.path as osp

import numpy as np

from mmblog.utils import run_cli


def resolve_log(path: str) -> str:
    """The json log file behind ``path`` (a json file, or a work dir's newest run)."""
    if osp.isfile(path):
        return path
    if osp.isdir(path):
        found = sorted(glob.glob(osp.join(path, '**', 'vis_data', 'scalars.json'), recursive=True))
        if found:
            return max(found, key=osp.getmtime)
    raise FileNotFoundError(
        f'no json log at {path}: pass a vis_data/scalars.json file or a work dir containing one'
    )


def load_log(path: str) -> dict[str, dict[str, list]]:
    """Split a json log into ``{'train': {key: [(step, value)]}, 'val': {...}}``.

    Training records carry ``iter``; validation records do not, and their ``step`` is the epoch
    (or the iteration for iter-based runs).
    """
    curves: dict[str, dict[str, list]] = {'train': {}, 'val': {}}
    with open(path) as f:
        for line_no, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f'{path}: line {line_no} is not json ({exc.msg})') from None
            phase = 'train' if 'iter' in record else 'val'
            step = record.get('step', record.get('iter', line_no))
            for key, value in record.items():
                if key in ('step', 'iter', 'epoch') or not isinstance(value, (int, float)):
                    continue
                curves[phase].setdefault(key, []).append((step, value))
    return curves


def plot_curve(logs: list[str], keys: list[str], out: str, legend=None, title=None) -> str:
    """Plot ``keys`` of each log (one panel per key) into the PNG ``out``."""
    import matplotlib

    matplotlib.use('Agg')
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(keys), figsize=(5 * len(keys), 4), squeeze=False)
    for i, log in enumerate(logs):
        curves = load_log(resolve_log(log))
        label = legend[i] if legend else osp.basename(osp.normpath(log))
        for ax, key in zip(axes[0], keys):
            phase = 'train' if key in curves['train'] else 'val'
            points = curves[phase].get(key)
            if not points:
                known = sorted(set(curves['train']) | set(curves['val']))
                raise KeyError(f'{log}: no metric {key!r} in the log; it has {known}')
            steps, values = zip(*points)
            ax.plot(steps, values, marker='o' if phase == 'val' else None, label=label)
            ax.set_xlabel('iter' if phase == 'train' else 'epoch')
            ax.set_title(key)
            ax.grid(alpha=0.3)
    for ax in axes[0]:
        ax.legend()
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    os.makedirs(osp.dirname(osp.abspath(out)), exist_ok=True)
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def cal_train_time(log: str) -> dict:
    """Mean, slowest and fastest iteration time of a training log."""
    times = np.array([v for _, v in load_log(resolve_log(log))['train'].get('time', [])])
    if times.size == 0:
        raise ValueError(f'{log}: no training "time" records')
    return dict(mean=float(times.mean()), max=float(times.max()), min=float(times.min()))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest='task', required=True)
    plot = sub.add_parser('plot_curve', help='plot metrics against iterations/epochs')
    plot.add_argument('logs', nargs='+', help='json logs or work dirs')
    plot.add_argument('--keys', nargs='+', default=['loss'])
    plot.add_argument('--legend', nargs='+')
    plot.add_argument('--title')
    plot.add_argument('--out', required=True, help='output PNG')
    timing = sub.add_parser('cal_train_time', help='iteration time statistics')
    timing.add_argument('logs', nargs='+')
    args = parser.parse_args(argv)
    if args.task == 'plot_curve':
        if args.legend and len(args.legend) != len(args.logs):
            raise ValueError('--legend needs one name per log')
        print(f'wrote {plot_curve(args.logs, args.keys, args.out, args.legend, args.title)}')
    else:
        for log in args.logs:
            stats = cal_train_time(log)
            print(
                f'{log}: {stats["mean"]:.4f} s/iter (slowest {stats["max"]:.4f}, '
                f'fastest {stats["min"]:.4f})'
            )


if __name__ == '__main__':
    run_cli(main)
