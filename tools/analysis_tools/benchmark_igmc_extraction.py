"""IGMC enclosing-subgraph extraction: vectorised pairs/s vs a per-pair scipy search, one run.

The baseline is the straightforward per-pair method of the IGMC reference: Python-set hops over
scipy CSR rows, then ``A[users][:, items]`` for the subgraph. Both run on the same pairs of the
same training graph, single-threaded; then the vectorised extraction with N worker processes.

    python tools/analysis_tools/benchmark_igmc_extraction.py --data-root data/ml-100k --pairs 2000
"""

import argparse
import os
import os.path as osp
import random
import time
import warnings

import numpy as np
import scipy.sparse as ssp
import torch

from mmblog.datasets.graph import BipartiteCSR, extract_all, read_ratings
from mmblog.utils import run_cli


def per_pair_scipy(arow, acol, pair, hop, cap):
    u0, v0 = pair
    u_nodes, v_nodes, u_dist, v_dist = [u0], [v0], [0], [0]
    u_seen, v_seen, uf, vf = {u0}, {v0}, {u0}, {v0}
    for d in range(1, hop + 1):
        vf_new = set(arow[list(uf)].indices) if uf else set()
        uf_new = set(acol[list(vf)].indices) if vf else set()
        vf, uf = vf_new - v_seen, uf_new - u_seen
        u_seen |= uf
        v_seen |= vf
        if cap is not None:
            uf = set(random.sample(sorted(uf), cap)) if len(uf) > cap else uf
            vf = set(random.sample(sorted(vf), cap)) if len(vf) > cap else vf
        u_nodes += list(uf)
        v_nodes += list(vf)
        u_dist += [d] * len(uf)
        v_dist += [d] * len(vf)
    sub = arow[u_nodes][:, v_nodes]
    sub[0, 0] = 0  # as the reference: an explicit zero on the CSR, dropped by find
    return ssp.find(sub), [2 * x for x in u_dist] + [2 * x + 1 for x in v_dist]


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--data-root', default='data/ml-100k')
    p.add_argument('--train-file', default='u1.base')
    p.add_argument('--pairs', type=int, default=2000)
    p.add_argument('--max-nodes-per-hop', type=int, default=200)
    p.add_argument('--workers', type=int, default=2)
    p.add_argument('--rounds', type=int, default=3)
    p.add_argument(
        '--mp-pairs',
        type=int,
        default=None,
        help='pairs for the multi-process comparison (default --pairs; a dataset extracts all '
        'ratings, e.g. 80000, which amortises starting the workers)',
    )
    args = p.parse_args(argv)
    torch.set_num_threads(1)
    r = read_ratings(osp.join(args.data_root, args.train_file))
    users, u = torch.unique(r[:, 0], return_inverse=True)
    items, i = torch.unique(r[:, 1], return_inverse=True)
    cls = torch.searchsorted(torch.unique(r[:, 2]), r[:, 2].contiguous())
    graph = BipartiteCSR.from_ratings(u, i, cls, len(users), len(items))
    arow = ssp.csr_matrix((cls.numpy() + 1, (u.numpy(), i.numpy())), (len(users), len(items)))
    acol = arow.T.tocsr()
    g = torch.Generator().manual_seed(0)
    pairs = torch.stack([u, i], 1)[torch.randperm(len(u), generator=g)[: args.pairs]]
    cap = args.max_nodes_per_hop
    plist = pairs.tolist()
    _ = graph.dense  # built once, as a dataset does before extracting

    # Interleaved rounds, so both methods see the same machine load; totals over all rounds.
    t_base = t_vec = 0.0
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', ssp.SparseEfficiencyWarning)
        for _ in range(args.rounds):
            t = time.perf_counter()
            for a, b in plist:
                per_pair_scipy(arow, acol, (a, b), 1, cap)
            t_base += time.perf_counter() - t
            t = time.perf_counter()
            out = extract_all(graph, pairs, 1, cap, num_workers=0, progress=False)
            t_vec += time.perf_counter() - t
    n = len(pairs) * args.rounds
    base, vec = n / t_base, n / t_vec
    mp_pairs = torch.stack([u, i], 1)[torch.randperm(len(u), generator=g)[: args.mp_pairs]]
    if args.mp_pairs is None:
        mp_pairs = pairs
    # Workers vs 1 process right after, with edges (the above) and nodes only (what a dataset
    # extracts and caches; its edges are looked up per sample, so little goes between processes).
    speed = {}
    for edges in (True, False):
        for workers in (args.workers, 0):
            t = time.perf_counter()
            extract_all(graph, mp_pairs, 1, cap, num_workers=workers, progress=False, edges=edges)
            speed[edges, workers] = len(mp_pairs) / (time.perf_counter() - t)
    per_sub = int(out['edge_ptr'][-1]) / len(pairs)
    print(
        f'pairs: {len(pairs)} x {args.rounds} rounds (graph {len(users)} users x {len(items)} items, '
        f'{len(u)} ratings; {per_sub:.0f} ratings per subgraph)'
    )
    print(f'per-pair scipy baseline : {base:9.1f} pairs/s (1 process)')
    print(f'vectorised              : {vec:9.1f} pairs/s (1 process)  {vec / base:.2f}x')
    for edges in (True, False):
        par, one = speed[edges, args.workers], speed[edges, 0]
        what = 'with edges' if edges else 'nodes only'
        print(
            f'vectorised, {args.workers} workers, {what}: {par:9.1f} pairs/s, {par / one:.2f}x over '
            f'1 process right after ({one:.1f} pairs/s)'
        )
    print(
        f'(multi-process on {len(mp_pairs)} pairs; {os.cpu_count()} CPUs, load average '
        f'{os.getloadavg()[0]:.1f} at the end)'
    )


if __name__ == '__main__':
    np.random.seed(0)
    random.seed(0)
    run_cli(main)
