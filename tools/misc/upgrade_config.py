"""Rewrite an MMDetection 2.x config into mmblog's (MMDetection 3.x) spelling.

    python tools/misc/upgrade_config.py OLD_2X_CONFIG.py NEW_CONFIG.py

``data=dict(train=dict(img_prefix=..., classes=..., ann_file=...), ...)`` becomes
``train_dataloader``/``val_dataloader``/``test_dataloader`` with ``data_root``, ``data_prefix`` and
``metainfo``, plus ``val_evaluator``/``test_evaluator`` ann files; ``evaluation``, ``lr_config``,
``runner``, ``optimizer``, ``optimizer_config``, ``checkpoint_config``, ``log_config`` and 2.x
pipelines are translated too. The old file is only parsed (its code never runs); anything the
upgrader cannot read is named with its line.
"""

import argparse

from mmblog.utils import run_cli, write_upgraded_config


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description='MMDetection 2.x config -> mmblog 3.x config')
    parser.add_argument('src', help='the 2.x config (.py)')
    parser.add_argument('dst', help='where to write the 3.x config (.py)')
    args = parser.parse_args(argv)
    notes = write_upgraded_config(args.src, args.dst)
    for note in notes:
        print(f'note: {note}')
    print(f'wrote {args.dst}')


if __name__ == '__main__':
    run_cli(main)
