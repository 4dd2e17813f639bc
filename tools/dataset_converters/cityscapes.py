"""Cityscapes gtFine -> COCO json (``instancesonly_filtered_gtFine_{train,val,test}.json``).

Usage: python tools/dataset_converters/cityscapes.py CITYSCAPES_ROOT --nproc 8 \
           --out-dir CITYSCAPES_ROOT/annotations
"""

import argparse

from mmblog.datasets.converters import convert_cityscapes
from mmblog.utils import run_cli


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description='Convert Cityscapes annotations to COCO format')
    parser.add_argument('cityscapes_path', help='cityscapes data path')
    parser.add_argument('--img-dir', default='leftImg8bit', type=str)
    parser.add_argument('--gt-dir', default='gtFine', type=str)
    parser.add_argument('-o', '--out-dir', help='output path (default CITYSCAPES_ROOT/annotations)')
    parser.add_argument('--nproc', default=1, type=int, help='number of process')
    parser.add_argument('--splits', nargs='+', default=['train', 'val', 'test'])
    return parser.parse_args(argv)


def main(argv=None) -> None:
    import os.path as osp

    args = parse_args(argv)
    out_dir = args.out_dir or osp.join(args.cityscapes_path, 'annotations')
    convert_cityscapes(
        args.cityscapes_path,
        out_dir,
        img_dir=args.img_dir,
        gt_dir=args.gt_dir,
        nproc=args.nproc,
        splits=args.splits,
    )


if __name__ == '__main__':
    run_cli(main)
