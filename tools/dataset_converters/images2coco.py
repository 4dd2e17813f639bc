"""Image folder -> COCO json without annotations (for testing with ``format_only``).

Usage: python tools/dataset_converters/images2coco.py IMG_PATH CLASSES OUT
       [--exclude-extensions jpg png ...]
CLASSES is a text file with one class name per line; OUT (``*.json``) is written to
``IMG_PATH/../annotations/OUT``.
"""

import argparse

from mmblog.datasets.converters import images2coco
from mmblog.utils import run_cli


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description='Convert images to coco format without label')
    parser.add_argument('img_path', help='The root path of images')
    parser.add_argument('classes', type=str, help='The text file name of storage class list')
    parser.add_argument('out', type=str, help='The output annotation json file name (*.json)')
    parser.add_argument(
        '-e',
        '--exclude-extensions',
        type=str,
        nargs='+',
        help='The suffix of images to be excluded, such as "png" and "bmp"',
    )
    return parser.parse_args(argv)


def main(argv=None) -> None:
    args = parse_args(argv)
    path = images2coco(args.img_path, args.classes, args.out, args.exclude_extensions)
    print(f'save json file: {path}')


if __name__ == '__main__':
    run_cli(main)
