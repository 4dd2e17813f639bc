"""SR-GNN session-graph building: the vectorised batch builder vs a per-session loop, one run.

Usage: python tools/analysis_tools/benchmark_session_graphs.py [--data-root data/demo/diginetica]
           [--batch-size 100] [--batches 50] [--repeats 3] [--threads 1]

The loop baseline is the straightforward way (the SR-GNN reference's ``get_slice``): per session
``np.unique`` the items, look every click's node up with ``np.where``, fill an ``n x n`` matrix
and normalise it. Both build the same ``(items, alias, A)``; the tool checks they agree, then
times them interleaved (``--repeats`` rounds, best of each, wall and process CPU time) and
prints sessions/s and the ratios.
"""

import argparse
import os.path as osp
import time

import numpy as np
import torch

from mmblog.datasets.graph import read_session_pairs, session_collate
from mmblog.models.graph.srgnn import build_session_graphs
from mmblog.utils import run_cli
from mmblog.utils.cli import ToolUsageError


def loop_session_graphs(seq: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The per-session loop: same outputs as ``build_session_graphs`` (padding dropped)."""
    mask = seq > 0
    nodes = [np.unique(s[m]) for s, m in zip(seq, mask)]
    n_max = max(len(n) for n in nodes)
    items = np.zeros((len(seq), n_max), dtype=np.int64)
    alias = np.zeros_like(seq)
    adj_all = np.zeros((len(seq), n_max, 2 * n_max), dtype=np.float32)
    for b, (s, node) in enumerate(zip(seq, nodes)):
        items[b, : len(node)] = node
        length = int(mask[b].sum())
        adj = np.zeros((n_max, n_max), dtype=np.float32)
        for i in range(length):
            alias[b, i] = np.where(node == s[i])[0][0]
        for i in range(length - 1):
            u = np.where(node == s[i])[0][0]
            v = np.where(node == s[i + 1])[0][0]
            adj[u][v] = 1
        in_deg = adj.sum(0)
        in_deg[in_deg == 0] = 1
        out_deg = adj.sum(1)
        out_deg[out_deg == 0] = 1
        adj_all[b, :, :n_max] = (adj / in_deg).T
        adj_all[b, :, n_max:] = adj / out_deg[:, None]
    return items, alias, adj_all


def _batches(args) -> list[torch.Tensor]:
    path = osp.join(args.data_root, 'train.txt')
    if osp.exists(path):
        prefixes, _ = read_session_pairs(path)
        source = path
    else:
        # Random sessions with DIGINETICA-like lengths when no converted data is at hand.
        g = np.random.default_rng(0)
        lengths = np.minimum(g.geometric(0.2, size=args.batch_size * args.batches), 69)
        prefixes = [list(g.integers(1, 5000, size=n)) for n in lengths]
        source = 'random sessions'
    g = np.random.default_rng(1)
    need = args.batch_size * args.batches
    if len(prefixes) < args.batch_size:
        raise ToolUsageError(f'{source}: {len(prefixes)} sessions, fewer than one batch')
    pick = g.choice(len(prefixes), size=min(need, len(prefixes)), replace=False)
    batches = []
    for lo in range(0, len(pick) - args.batch_size + 1, args.batch_size):
        chunk = [dict(inputs=torch.tensor(prefixes[i])) for i in pick[lo : lo + args.batch_size]]
        batches.append(session_collate(chunk)['inputs'])
    print(f'{len(batches)} batches of {args.batch_size} sessions from {source}')
    return batches


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--data-root', default='data/demo/diginetica')
    parser.add_argument('--batch-size', type=int, default=100)
    parser.add_argument('--batches', type=int, default=50)
    parser.add_argument('--repeats', type=int, default=3)
    parser.add_argument('--threads', type=int, default=1)
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    batches = _batches(args)
    for seq in batches[:5]:
        items, alias, adj = build_session_graphs(seq)
        ref = loop_session_graphs(seq.numpy())
        assert np.array_equal(items.numpy(), ref[0]) and np.array_equal(alias.numpy(), ref[1])
        assert np.allclose(adj.numpy(), ref[2], atol=1e-6), 'builders disagree'
    arrays = [b.numpy() for b in batches]
    builders = dict(vectorised=(build_session_graphs, batches), loop=(loop_session_graphs, arrays))
    # Best of the rounds, in wall and in process CPU time: on a shared machine the CPU time is
    # what other jobs disturb least (they preempt us, which shows in wall time only).
    wall = dict.fromkeys(builders, float('inf'))
    cpu = dict.fromkeys(builders, float('inf'))
    for _ in range(args.repeats):
        for name, (build, data) in builders.items():
            t, c = time.perf_counter(), time.process_time()
            for seq in data:
                build(seq)
            wall[name] = min(wall[name], time.perf_counter() - t)
            cpu[name] = min(cpu[name], time.process_time() - c)
    n = len(batches) * args.batch_size
    for name in builders:
        print(
            f'{name:>10}: {n / wall[name]:10.0f} sessions/s wall, {n / cpu[name]:10.0f} per '
            f'CPU second ({1e3 * wall[name] / len(batches):.2f} ms/batch wall)'
        )
    print(
        f'speed-up: {wall["loop"] / wall["vectorised"]:.1f}x wall, '
        f'{cpu["loop"] / cpu["vectorised"]:.1f}x CPU time (threads={args.threads})'
    )


if __name__ == '__main__':
    run_cli(main)
