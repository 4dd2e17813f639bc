"""IGMC training step: the one-adjacency R-GCN vs PyG's RGCNConv on the same batches, one run.

Builds the config's model twice with the same weights, ``sparse_rgcn=True`` (each batch's relation
adjacency built once, every layer one sparse product) and ``False`` (PyG's ``RGCNConv``: one
propagation per relation and layer), checks they predict the same, then times the loss forward +
backward (edge dropout with the same seed for both) on real training batches, interleaved rounds,
best of each, and prints ms per batch, the ratio and the implied model time of one epoch.

    python tools/analysis_tools/benchmark_igmc_rgcn.py --data-root data/ml-100k \\
        --cache-dir /tmp/igmc_cache --batches 20
"""

import argparse
import math
import time

import torch
from mmengine.config import Config
from mmengine.registry import init_default_scope

from mmblog.datasets.graph import graph_collate
from mmblog.registry import DATASETS, MODELS
from mmblog.utils import run_cli


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument('--config', default='configs/igmc/igmc_ml100k_u1.py')
    p.add_argument('--data-root', default='data/ml-100k')
    p.add_argument('--cache-dir', default=None, help="extraction cache (default: the config's)")
    p.add_argument('--batches', type=int, default=20)
    p.add_argument('--rounds', type=int, default=3)
    p.add_argument('--threads', type=int, default=1)
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    cfg = Config.fromfile(args.config)
    init_default_scope(cfg.get('default_scope', 'mmblog'))
    ds_cfg = cfg.train_dataloader.dataset.copy()
    ds_cfg.update(data_root=args.data_root)
    if args.cache_dir:
        ds_cfg.update(cache_dir=args.cache_dir)
    dataset = DATASETS.build(ds_cfg)
    bs = cfg.train_dataloader.batch_size
    g = torch.Generator().manual_seed(0)
    pick = torch.randperm(len(dataset), generator=g)[: bs * args.batches].split(bs)
    batches = [graph_collate([dataset[i] for i in idx.tolist()])['inputs'] for idx in pick]
    nodes = sum(b.num_nodes for b in batches) / len(batches)
    edges = sum(b.num_edges for b in batches) / len(batches)
    print(f'{len(batches)} batches of {bs}: {nodes:.0f} nodes, {edges:.0f} edges on average')

    models = {}
    for sparse in (True, False):
        models['sparse' if sparse else 'pyg'] = MODELS.build({**cfg.model, 'sparse_rgcn': sparse})
    models['pyg'].load_state_dict(models['sparse'].state_dict())
    with torch.no_grad():
        a, b = (m.eval()(batches[0]) for m in models.values())
    gap = float((a - b).abs().max())
    assert gap < 1e-4, f'the two layers disagree by {gap}'
    print(f'same predictions (max difference {gap:.1e})')

    wall = dict.fromkeys(models, math.inf)
    cpu = dict.fromkeys(models, math.inf)
    for _ in range(args.rounds):
        for name, model in models.items():
            model.train()
            t, c = time.perf_counter(), time.process_time()
            for k, batch in enumerate(batches):
                torch.manual_seed(k)  # the same dropped edges for both layers
                model.zero_grad()
                sum(model.loss(batch, None).values()).backward()
            wall[name] = min(wall[name], time.perf_counter() - t)
            cpu[name] = min(cpu[name], time.process_time() - c)
    steps = math.ceil(len(dataset) / bs)
    for name in models:
        ms = 1e3 * wall[name] / len(batches)
        print(
            f'{name:>6}: {ms:7.1f} ms/batch wall, {1e3 * cpu[name] / len(batches):7.1f} ms CPU; '
            f'{steps} batches per epoch -> {ms * steps / 6e4:.1f} min of model time per epoch'
        )
    print(
        f'speed-up: {wall["pyg"] / wall["sparse"]:.2f}x wall, {cpu["pyg"] / cpu["sparse"]:.2f}x '
        f'CPU time (threads={args.threads})'
    )


if __name__ == '__main__':
    run_cli(main)
