"""Evaluation throughput of a knowledge-graph embedding model: filtered ranking triples/s.

    python tools/analysis_tools/link_prediction_speed.py CONFIG [CHECKPOINT] [--num N]
        [--device cpu] [--cfg-options KEY=VALUE ...]

Each triple of the config's test split is ranked twice against every entity (head and tail
replaced), with the filter of all known triples, exactly as ``tools/test.py`` evaluates it; the
clock covers the model's scoring and the metric's filtered ranking, not the data loading.
"""

import argparse
import time

import torch
from mmengine.config import Config, DictAction
from mmengine.registry import init_default_scope
from mmengine.runner import Runner

from mmblog.registry import METRICS, MODELS
from mmblog.utils import (
    load_local_checkpoint,
    merge_cfg_options,
    register_all_modules,
    run_cli,
)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config')
    parser.add_argument('checkpoint', nargs='?')
    parser.add_argument('--num', type=int, default=4096, help='test triples to rank')
    parser.add_argument('--device', default='cpu')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction)
    args = parser.parse_args(argv)
    register_all_modules()
    cfg = Config.fromfile(args.config)
    merge_cfg_options(cfg, args.cfg_options)
    init_default_scope('mmblog')
    loader = Runner.build_dataloader(cfg.test_dataloader)
    model = MODELS.build(cfg.model).to(args.device).eval()
    if args.checkpoint:
        ckpt = load_local_checkpoint(args.checkpoint, map_location='cpu')
        model.load_state_dict(ckpt.get('state_dict', ckpt))
    metric = METRICS.build(cfg.test_evaluator)
    metric.dataset_meta = loader.dataset.metainfo
    seen, elapsed = 0, 0.0
    with torch.no_grad():
        for batch in loader:
            data = model.data_preprocessor(batch, False)
            if args.device.startswith('cuda'):
                torch.cuda.synchronize()
            start = time.perf_counter()
            metric.process(batch, model(**data, mode='predict'))
            if args.device.startswith('cuda'):
                torch.cuda.synchronize()
            elapsed += time.perf_counter() - start
            seen += len(batch['inputs']['triples'])
            if seen >= args.num:
                break
    results = metric.compute_metrics(metric.results)
    print(
        f'{seen} triples ({2 * seen} rankings against {loader.dataset.num_entities} entities) '
        f'in {elapsed:.2f} s: {seen / elapsed:.1f} triples/s on {args.device}, '
        f'torch threads {torch.get_num_threads()}'
    )
    print(' '.join(f'{k}={v:.4f}' for k, v in results.items()))


if __name__ == '__main__':
    run_cli(main)
