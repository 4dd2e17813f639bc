"""YOOCHOOSE ``yoochoose-clicks.dat`` -> SR-GNN next-item pairs, 1/64 and 1/4 training fractions
(the reference's preprocessing).

Usage: python tools/dataset_converters/yoochoose.py data/yoochoose/yoochoose-clicks.dat \
           [-o data/yoochoose] [--fractions 64 4]
"""

import argparse
import os.path as osp

from mmblog.datasets.graph import convert_yoochoose
from mmblog.utils import run_cli


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('src', help='yoochoose-clicks.dat (comma-separated, no header)')
    parser.add_argument('-o', '--out-dir', help='output folder (default: the folder of src)')
    parser.add_argument(
        '--fractions', type=int, nargs='+', default=[64, 4], help='keep the last 1/k (64 4)'
    )
    parser.add_argument('--no-progress', action='store_true', help='no progress bars')
    args = parser.parse_args(argv)
    out_dir = args.out_dir or osp.dirname(osp.abspath(args.src))
    result = convert_yoochoose(args.src, out_dir, args.fractions, progress=not args.no_progress)
    for name, stats in result.items():
        fields = (f'{k}={v:.4f}' if isinstance(v, float) else f'{k}={v}' for k, v in stats.items())
        print(f'{name}: ' + ' '.join(fields) + f' -> {osp.join(out_dir, name)}')


if __name__ == '__main__':
    run_cli(main)
