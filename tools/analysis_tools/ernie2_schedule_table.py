"""ERNIE 2.0: continual multi-task vs multi-task vs sequential pre-training at equal budget.

    python tools/analysis_tools/ernie2_schedule_table.py [--config CFG] [--iters-per-task N]
        [--schedules continual multitask sequential] [--work-dir work_dirs/ernie2_schedules]
        [--cfg-options ...]

Trains the config once per schedule (mmengine Runner, in this process; same seed, same number of
iterations per task), then prints one table: the final validation accuracy of every task, the
first task's (knowledge masking's) best accuracy over the validations at stage ends, and its
forgetting = best - final. The last row is each task's best constant guess (chance level).
Every run also writes ``<work-dir>/<schedule>/ernie2_schedule.json``; schedules run in separate
processes (``--schedules continual`` ...) are summarised by one more call with ``--report-only``.
"""

import argparse
import json
import os.path as osp

from mmengine.config import Config, DictAction
from mmengine.runner import Runner

from mmblog.utils import merge_cfg_options, register_all_modules, run_cli

PREFIX = 'ernie2/'


def table(results: dict[str, dict]) -> str:
    """Markdown table from ``{schedule: dict(history, first_task, tasks)}``."""
    any_run = next(iter(results.values()))
    tasks, first = any_run['tasks'], any_run['first_task']
    head = ['schedule', *tasks, f'{first} best', 'forgetting']
    lines = ['| ' + ' | '.join(head) + ' |', '|' + '---|' * len(head)]
    for name, res in results.items():
        final = res['history'][-1]
        best = max(h[f'{PREFIX}{first}_acc'] for h in res['history'])
        cells = [f'{final[f"{PREFIX}{t}_acc"]:.1f}' for t in tasks]
        forgetting = best - final[f'{PREFIX}{first}_acc']
        lines.append(f'| {name} | ' + ' | '.join(cells) + f' | {best:.1f} | {forgetting:.1f} |')
    final = any_run['history'][-1]
    chance = [f'{final[f"{PREFIX}{t}_majority"]:.1f}' for t in tasks]
    lines.append('| chance (majority) | ' + ' | '.join(chance) + ' | | |')
    return '\n'.join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--config', default='configs/ernie2/ernie2_tiny_continual_demo.py')
    parser.add_argument('--schedules', nargs='+', default=['continual', 'multitask', 'sequential'])
    parser.add_argument('--iters-per-task', type=int, help='override train_cfg.iters_per_task')
    parser.add_argument('--work-dir', default='work_dirs/ernie2_schedules')
    parser.add_argument(
        '--report-only',
        action='store_true',
        help='only print the table from <work-dir>/<schedule>/ernie2_schedule.json of earlier runs',
    )
    parser.add_argument('--cfg-options', nargs='+', action=DictAction)
    args = parser.parse_args(argv)
    if not osp.isfile(args.config):
        raise FileNotFoundError(f'config not found: {args.config}')
    cfg = Config.fromfile(args.config)
    merge_cfg_options(cfg, args.cfg_options)
    stages = cfg.train_cfg.stages
    tasks = dict(first_task=stages[0][0], tasks=[t for stage in stages for t in stage])
    results = {}
    if args.report_only:
        for schedule in args.schedules:
            path = osp.join(args.work_dir, schedule, 'ernie2_schedule.json')
            if not osp.isfile(path):
                raise FileNotFoundError(f'no finished run: {path} (run without --report-only)')
            with open(path) as f:
                results[schedule] = dict(json.load(f), **tasks)
        print(table(results))
        return
    register_all_modules()
    for schedule in args.schedules:
        cfg = Config.fromfile(args.config)
        merge_cfg_options(cfg, args.cfg_options)
        cfg.train_cfg.schedule = schedule
        if args.iters_per_task:
            cfg.train_cfg.iters_per_task = args.iters_per_task
        cfg.work_dir = osp.join(args.work_dir, schedule)
        runner = Runner.from_cfg(cfg)
        runner.train()
        results[schedule] = dict(history=runner.train_loop.history, **tasks)
    with open(osp.join(args.work_dir, 'table.json'), 'w') as f:
        json.dump(results, f, indent=1)
    print(table(results))


if __name__ == '__main__':
    run_cli(main)
