"""DIGINETICA ``train-item-views.csv`` -> SR-GNN next-item pairs (the reference's preprocessing).

Usage: python tools/dataset_converters/diginetica.py data/diginetica/train-item-views.csv \
           [-o data/diginetica]
"""

import argparse
import os.path as osp

from mmblog.datasets.graph import convert_diginetica
from mmblog.utils import run_cli


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('src', help='train-item-views.csv (;-separated, with its header)')
    parser.add_argument('-o', '--out-dir', help='output folder (default: the folder of src)')
    parser.add_argument('--no-progress', action='store_true', help='no progress bars')
    args = parser.parse_args(argv)
    out_dir = args.out_dir or osp.dirname(osp.abspath(args.src))
    stats = convert_diginetica(args.src, out_dir, progress=not args.no_progress)
    print(
        ' '.join(f'{k}={v:.4f}' if isinstance(v, float) else f'{k}={v}' for k, v in stats.items())
    )
    print(f'-> {out_dir}/{{train,test,all_train_seq}}.txt, stats.json')


if __name__ == '__main__':
    run_cli(main)
