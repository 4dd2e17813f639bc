"""Test a checkpoint: ``python tools/test.py CONFIG CKPT [--out F] [--show-dir D]``."""

import argparse
import os
import os.path as osp
import sys

from mmengine.config import Config
from mmengine.runner import Runner

from mmblog.utils import (
    ToolUsageError,
    add_runner_args,
    check_checkpoint_covers,
    describe_missing,
    load_tool_config,
    parse_runner_args,
    prepare_tool,
    resolve_checkpoint,
    run_cli,
    setup_cpu_distributed,
    teardown_distributed,
)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description='Test (and evaluate) a model')
    parser.add_argument('config', help='test config file path')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument('--work-dir', help='the dir to save evaluation logs')
    parser.add_argument('--out', help='dump predictions to this pickle file (.pkl/.pickle)')
    parser.add_argument('--show', action='store_true', help='show predictions in a window')
    parser.add_argument('--show-dir', help='write drawn predictions into this folder')
    parser.add_argument(
        '--eval', nargs='+', help='metrics of the evaluator to compute, e.g. --eval bbox segm'
    )
    parser.add_argument(
        '--format-only',
        action='store_true',
        help='only write results in the dataset format (test sets without ground truth)',
    )
    parser.add_argument(
        '--outfile-prefix',
        '--options',
        dest='outfile_prefix',
        help='prefix of the result files of --format-only (MMDetection 2.x: --options PREFIX '
        'or --options jsonfile_prefix=PREFIX); default <work_dir>/results',
    )
    parser.add_argument('--wait-time', type=float, default=2, help='seconds per shown image')
    add_runner_args(parser, 'test_evaluator.topk=[1]')
    return parse_runner_args(parser, argv)


def _evaluators(cfg: Config) -> list:
    evaluators = cfg.test_evaluator
    return list(evaluators) if isinstance(evaluators, (list, tuple)) else [evaluators]


def _set_on_evaluators(cfg: Config, key: str, value, option: str) -> None:
    """Set ``key`` on every test evaluator that has it; an option none accepts is an error."""
    targets = [e for e in _evaluators(cfg) if key in e]
    if not targets:
        types = [e.get('type') for e in _evaluators(cfg)]
        raise ToolUsageError(f'{option}: no test evaluator of this config has {key!r} ({types})')
    for evaluator in targets:
        evaluator[key] = value


def build_config(args: argparse.Namespace) -> Config:
    """The test config after the command line's changes."""
    args.checkpoint = resolve_checkpoint(args.checkpoint)  # the 2.x habit: <work_dir>/latest.pth
    if not osp.isfile(args.checkpoint):
        raise FileNotFoundError(f'checkpoint file not found: {args.checkpoint}')
    cfg = load_tool_config(args)
    # main() loads it itself (load_and_check), so a wrong checkpoint cannot go unnoticed.
    cfg.load_from = None
    cfg.resume = False
    if args.show and os.name != 'nt' and not os.environ.get('DISPLAY'):
        # otherwise every image would wait --wait-time seconds for a window that never opens
        raise ToolUsageError(
            '--show needs a display (DISPLAY is not set); use --show-dir DIR to write the pictures'
        )
    if args.show or args.show_dir:
        hook = cfg.default_hooks.get('visualization')
        if hook is None:
            raise ToolUsageError(
                f'{args.config}: --show/--show-dir need default_hooks.visualization'
            )
        hook.enable = True
        hook.show = args.show
        hook.wait_time = args.wait_time
        if args.show_dir:
            hook.out_dir = osp.abspath(args.show_dir)
    if args.eval:
        _set_on_evaluators(cfg, 'metric', list(args.eval), '--eval')
    if args.format_only:
        prefix = args.outfile_prefix or osp.join(cfg.work_dir, 'results')
        if '=' in prefix:
            prefix = prefix.split('=', 1)[1]
        _set_on_evaluators(cfg, 'format_only', True, '--format-only')
        _set_on_evaluators(cfg, 'outfile_prefix', prefix, '--format-only')
    elif args.outfile_prefix:
        raise ToolUsageError('--options/--outfile-prefix only applies with --format-only')
    if args.out is not None:
        if not args.out.endswith(('.pkl', '.pickle')):
            raise ToolUsageError(f'--out must be a .pkl or .pickle file, got {args.out}')
        evaluators = _evaluators(cfg)
        evaluators.append(dict(type='DumpResults', out_file_path=args.out))
        cfg.test_evaluator = evaluators
    return cfg


def load_and_check(runner: Runner, checkpoint: str) -> None:
    """Load ``checkpoint`` into the runner's model; none of its weights -> error, some -> warn."""
    ckpt = runner.load_checkpoint(checkpoint, map_location='cpu')
    missing = check_checkpoint_covers(runner.model, ckpt, checkpoint)
    if missing:
        runner.logger.warning(describe_missing(checkpoint, missing))
        print(f'warning: {describe_missing(checkpoint, missing)}', file=sys.stderr)


def main(argv=None) -> None:
    args = parse_args(argv)
    prepare_tool(args)
    cfg = build_config(args)
    setup_cpu_distributed(cfg)
    runner = Runner.from_cfg(cfg)
    load_and_check(runner, args.checkpoint)
    runner.test()
    teardown_distributed()


if __name__ == '__main__':
    run_cli(main)
