"""Train a model from a config: ``python tools/train.py CONFIG [--work-dir D] [--resume [CKPT]]``."""

import argparse

import torch
from mmengine.config import Config
from mmengine.runner import Runner

from mmblog.registry import RUNNERS
from mmblog.utils import (
    ToolUsageError,
    add_runner_args,
    load_tool_config,
    parse_runner_args,
    prepare_tool,
    restarted_with_checkpoint,
    run_cli,
    setup_cpu_distributed,
    teardown_distributed,
)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description='Train a model')
    parser.add_argument('config', help='train config file path')
    parser.add_argument('--work-dir', help='the dir to save logs and models')
    parser.add_argument('--amp', action='store_true', help='enable automatic mixed precision')
    parser.add_argument(
        '--auto-scale-lr', action='store_true', help='scale lr by actual/base batch size'
    )
    parser.add_argument(
        '--resume',
        nargs='?',
        type=str,
        const='auto',
        help='resume from PATH, or from the latest checkpoint in the work dir if no PATH is given',
    )
    parser.add_argument(
        '--tensorboard', action='store_true', help='also write TensorBoard event files'
    )
    add_runner_args(parser, 'train_cfg.max_epochs=2')
    return parse_runner_args(parser, argv)


def build_config(args: argparse.Namespace) -> Config:
    """The config after the command line's changes."""
    cfg = load_tool_config(args)
    if args.amp:
        if not torch.cuda.is_available():
            raise ToolUsageError(
                '--amp needs a CUDA device (mmengine AmpOptimWrapper uses torch.cuda.amp); '
                'none is available here'
            )
        # keep the gradient-clearing behaviour of ZeroBeforeBackwardOptimWrapper under AMP
        amp_types = {'ZeroBeforeBackwardOptimWrapper': 'AmpZeroBeforeBackwardOptimWrapper'}
        cfg.optim_wrapper.type = amp_types.get(cfg.optim_wrapper.get('type'), 'AmpOptimWrapper')
        cfg.optim_wrapper.setdefault('loss_scale', 'dynamic')
    if args.auto_scale_lr:
        if 'base_batch_size' not in cfg.get('auto_scale_lr', {}):
            raise ToolUsageError(
                f'{args.config}: --auto-scale-lr needs auto_scale_lr.base_batch_size in the config'
            )
        cfg.auto_scale_lr.enable = True
    if args.resume is None and restarted_with_checkpoint(cfg.work_dir):
        # A worker restarted by torchrun (--max-restarts) or a requeued Slurm job continues
        # from the work dir's latest checkpoint instead of starting over.
        args.resume = 'auto'
    if args.resume == 'auto':
        cfg.resume = True
        cfg.load_from = None
    elif args.resume is not None:
        cfg.resume = True
        cfg.load_from = args.resume
    if args.tensorboard:
        backends = list(cfg.visualizer.get('vis_backends', []))
        if not any(b.get('type') == 'TensorboardVisBackend' for b in backends):
            backends.append(dict(type='TensorboardVisBackend'))
        cfg.visualizer.vis_backends = backends
    return cfg


def main(argv=None) -> None:
    args = parse_args(argv)
    prepare_tool(args)
    cfg = build_config(args)
    setup_cpu_distributed(cfg)
    if 'runner_type' in cfg:
        runner = RUNNERS.build(cfg)
    else:
        runner = Runner.from_cfg(cfg)
    runner.train()
    teardown_distributed()


if __name__ == '__main__':
    run_cli(main)
