"""HGSampling: the vectorised sampler vs a dict-loop implementation of the same algorithm.

The reference walks Python dicts node by node as the HGT authors' code does
(``edge_list[target_type][source_type][relation][target_id] = {source_id: time}``, a budget dict
per type, per-node neighbour draws). Both sample the same seeds of the same graph in one
interleaved run (single-threaded); with budgets large enough that nothing is random, both must
return identical node sets (checked first).

    python tools/analysis_tools/benchmark_hgsampling.py --papers 20000 --batches 20
"""

import argparse
import time
from collections import defaultdict

import numpy as np
import torch
from torch_geometric.data import HeteroData

from mmblog.datasets.graph import HGSampler
from mmblog.utils import run_cli


def random_mag_graph(papers: int, seed: int = 0) -> HeteroData:
    """An OGB-MAG-shaped random graph: papers with years; authors, fields, institutions plain."""
    rng = np.random.default_rng(seed)
    sizes = dict(paper=papers, author=papers * 3 // 4, field=papers // 10, institution=papers // 40)
    data = HeteroData()
    for t, n in sizes.items():
        data[t].num_nodes = n
    data['paper'].time = torch.from_numpy(rng.integers(2010, 2020, papers))

    def edges(s, d, m):
        # Heavy-tailed sources, as real bibliographic graphs.
        src = np.minimum((rng.pareto(1.5, m) * sizes[s] / 20).astype(np.int64), sizes[s] - 1)
        return torch.from_numpy(np.stack([src, rng.integers(0, sizes[d], m)]))

    rels = [
        ('author', 'writes', 'paper', 3 * papers),
        ('paper', 'cites', 'paper', 5 * papers),
        ('field', 'topic_of', 'paper', 4 * papers),
        ('institution', 'employs', 'author', sizes['author']),
    ]
    for s, r, d, m in rels:
        ei = torch.unique(edges(s, d, m), dim=1)
        data[s, r, d].edge_index = ei
        data[d, f'rev_{r}', s].edge_index = ei.flip(0)
    return data


def dict_graph(data: HeteroData) -> dict:
    """pyHGT's layout: edge_list[target_type][source_type][relation][target][source] = time."""
    times = {
        t: (data[t].time.tolist() if data[t].get('time') is not None else None)
        for t in data.node_types
    }
    el = defaultdict(lambda: defaultdict(lambda: defaultdict(lambda: defaultdict(dict))))
    for s, r, d in data.edge_types:
        for src, dst in data[s, r, d].edge_index.T.tolist():
            el[d][s][r][dst][src] = times[s][src] if times[s] is not None else None
    return el


def dict_loop_sample(el, seeds: dict, depth: int, n: int, max_time, rng) -> dict:
    """HGSampling with per-node dict loops (the reference algorithm, step for step)."""
    layer = defaultdict(dict)  # type -> {id: [ser, time]}
    budget = defaultdict(lambda: defaultdict(lambda: [0.0, 0]))

    def add_budget(ttype, tid, ttime):
        for stype, rels in el[ttype].items():
            for adj in rels.values():
                if tid not in adj:
                    continue
                nbrs = adj[tid]
                keys = list(nbrs)
                looked = keys if len(keys) <= n else rng.choice(keys, n, replace=False).tolist()
                for sid in looked:
                    stime = nbrs[sid] if nbrs[sid] is not None else ttime
                    if (max_time is not None and stime > max_time) or sid in layer[stype]:
                        continue
                    budget[stype][sid][0] += 1.0 / len(looked)
                    budget[stype][sid][1] = stime

    for t, (ids, times) in seeds.items():
        for i, tm in zip(ids, times):
            layer[t][i] = [len(layer[t]), tm]
    for t, (ids, times) in seeds.items():
        for i, tm in zip(ids, times):
            add_budget(t, i, tm)
    for _ in range(depth):
        for stype in list(budget):
            keys = np.array(list(budget[stype]))
            if not keys.size:
                continue
            if keys.size > n:
                score = np.array([v[0] for v in budget[stype].values()]) ** 2
                keys = keys[rng.choice(keys.size, n, replace=False, p=score / score.sum())]
            for k in keys.tolist():
                layer[stype][k] = [len(layer[stype]), budget[stype][k][1]]
            for k in keys.tolist():
                add_budget(stype, k, budget[stype][k][1])
                budget[stype].pop(k)
    return {t: list(v) for t, v in layer.items()}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--papers', type=int, default=20000)
    parser.add_argument('--batches', type=int, default=20)
    parser.add_argument('--batch-size', type=int, default=64, help='seed papers per sample')
    parser.add_argument('--budget', type=int, default=128)
    parser.add_argument('--depth', type=int, default=2)
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    data = random_mag_graph(args.papers)
    el = dict_graph(data)
    rng = np.random.default_rng(0)
    ptime = data['paper'].time.numpy()
    # Correctness: a budget larger than any candidate set leaves nothing to chance.
    small = dict(paper=(np.arange(3), ptime[:3]))
    big = HGSampler(data, budget=10**9, depth=2).sample_nodes(small)['ids']
    ref = dict_loop_sample(el, {'paper': (list(range(3)), ptime[:3].tolist())}, 2, 10**9, None, rng)
    same = all(set(big[t].tolist()) == set(ref.get(t, [])) for t in data.node_types)
    print(f'identical node sets with an unbounded budget: {same}')
    sampler = HGSampler(data, budget=args.budget, depth=args.depth, seed=0)
    t_vec = t_ref = 0.0
    nodes_vec = nodes_ref = 0
    for _ in range(args.batches):
        ids = rng.choice(args.papers, args.batch_size, replace=False)
        seeds = {'paper': (ids, ptime[ids])}
        t0 = time.perf_counter()
        sub = sampler(seeds)  # node sampling and the subgraph
        t_vec += time.perf_counter() - t0
        nodes_vec += sum(sub[t].num_nodes for t in sub.node_types)
        t0 = time.perf_counter()
        lay = dict_loop_sample(
            el, {'paper': (ids.tolist(), ptime[ids].tolist())}, args.depth, args.budget, None, rng
        )
        t_ref += time.perf_counter() - t0  # node sampling only: the reference is favoured
        nodes_ref += sum(len(v) for v in lay.values())
    print(
        f'{args.batches} samples of {args.batch_size} seeds, budget {args.budget}, depth '
        f'{args.depth}: vectorised {1000 * t_vec / args.batches:.1f} ms/sample '
        f'({nodes_vec / args.batches:.0f} nodes), dict loops {1000 * t_ref / args.batches:.1f} '
        f'ms/sample ({nodes_ref / args.batches:.0f} nodes): {t_ref / t_vec:.1f}x'
    )


if __name__ == '__main__':
    run_cli(main)
