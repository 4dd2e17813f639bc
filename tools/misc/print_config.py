"""Print the whole config after inheritance and ``--cfg-options``."""

import argparse

from mmengine.config import Config, DictAction

from mmblog.utils import merge_cfg_options, run_cli


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('config', help='config file path')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction, help='override config keys')
    parser.add_argument('--save-path', help='also write the merged config here (.py/.json/.yaml)')
    args = parser.parse_args(argv)
    cfg = merge_cfg_options(Config.fromfile(args.config), args.cfg_options)
    print(cfg.pretty_text)
    if args.save_path:
        cfg.dump(args.save_path)


if __name__ == '__main__':
    run_cli(main)
