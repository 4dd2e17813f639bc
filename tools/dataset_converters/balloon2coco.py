"""The balloon dataset (VIA json) -> COCO json, as in the walkthrough.

Usage: python tools/dataset_converters/balloon2coco.py BALLOON_ROOT [--splits train val]
Reads ``ROOT/{split}/via_region_data.json`` and writes ``ROOT/{split}/annotation_coco.json``.
"""

import argparse
import os.path as osp

from mmblog.datasets.converters import convert_balloon_to_coco
from mmblog.utils import run_cli


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description='Convert the balloon dataset to COCO format')
    parser.add_argument('root', help='balloon folder holding train/ and val/')
    parser.add_argument('--splits', nargs='+', default=['train', 'val'])
    parser.add_argument('--ann-name', default='via_region_data.json', help='VIA json per split')
    parser.add_argument('--out-name', default='annotation_coco.json', help='output json per split')
    return parser.parse_args(argv)


def main(argv=None) -> None:
    args = parse_args(argv)
    for split in args.splits:
        folder = osp.join(args.root, split)
        out_file = osp.join(folder, args.out_name)
        coco = convert_balloon_to_coco(osp.join(folder, args.ann_name), out_file, folder)
        print(
            f'{split}: {len(coco["images"])} images, {len(coco["annotations"])} balloons '
            f'-> {out_file}'
        )


if __name__ == '__main__':
    run_cli(main)
