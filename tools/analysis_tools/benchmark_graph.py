"""Graph family benchmarks, each against a reference measured in the same run (interleaved).

    python tools/analysis_tools/benchmark_graph.py --planetoid-root ../shared/data/planetoid

1. APPNP training step (forward + backward + Adam) on Cora: mmblog's ``APPNP`` (CSR products
   with cached transposes, sparse features) vs the PyG path (``nn.Linear`` MLP on dense
   features + ``torch_geometric.nn.APPNP(K=10, alpha=0.1, cached=True)``).
2. METIS partition time with pymetis, and a Cluster-GCN training batch (collate + forward +
   backward) from mmblog's ``ClusterDataset``/``cluster_collate`` vs PyG's ``ClusterLoader`` over
   ``MetisClusterData`` with the same network, and vs PyG's own network for it (the
   ``ClusterGCNConv`` stack of PyG's Cluster-GCN example, which also has a root weight per
   layer). ``ClusterDataset`` keeps its nodes cluster by cluster, so a batch is sliced from
   contiguous rows, and marks it CSR-ordered and undirected, so the network normalises it
   without sorting and backpropagates without a transpose; ClusterLoader's batches carry no such
   marks and take the general path.
3. Peak memory per model: each model/path runs alone in a fresh process (20 steps); its peak
   resident set size is reported with the part due to imports and the input graph.
Without ``--planetoid-root`` the generated planted-partition graph stands in for Cora.
"""

import argparse
import gc
import json
import re
import statistics
import subprocess
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch_geometric.data import Data
from torch_geometric.loader import ClusterLoader
from torch_geometric.nn import APPNP as PyGAPPNP
from torch_geometric.nn import ClusterGCNConv

from mmblog.datasets.graph import ClusterDataset, MetisClusterData, cluster_collate, read_planetoid
from mmblog.datasets.graph.base_node_dataset import normalize_features
from mmblog.datasets.graph.cluster_partition import metis_partition
from mmblog.models.graph import APPNP, ClusterGCN
from mmblog.testing.demo_data.graph_sbm import sbm_graph
from mmblog.utils import register_all_modules, run_cli


class PyGAPPNPNet(nn.Module):
    def __init__(self, cin, cout, hidden=64):
        super().__init__()
        self.lin1, self.lin2 = (
            nn.Linear(cin, hidden, bias=False),
            nn.Linear(hidden, cout, bias=False),
        )
        self.prop = PyGAPPNP(K=10, alpha=0.1, cached=True)

    def forward(self, x, edge_index):
        h = self.lin2(
            F.dropout(F.relu(self.lin1(F.dropout(x, 0.5, self.training))), 0.5, self.training)
        )
        return self.prop(h, edge_index)


class PyGClusterGCNNet(nn.Module):
    """PyG's Cluster-GCN network: ``ClusterGCNConv`` layers (diagonal enhancement, lambda 1)."""

    def __init__(self, sizes, dropout=0.2):
        super().__init__()
        self.convs = nn.ModuleList(
            ClusterGCNConv(a, b, diag_lambda=1.0) for a, b in zip(sizes, sizes[1:])
        )
        self.dropout = dropout

    def forward(self, x, edge_index):
        for i, conv in enumerate(self.convs):
            x = conv(F.dropout(x, self.dropout, self.training), edge_index)
            if i < len(self.convs) - 1:
                x = F.relu(x)
        return x


def interleaved(fns: dict, repeats: int, inner: int) -> dict:
    """Median CPU seconds (``process_time``: one thread, so the work done, not the wait for a
    shared core) per call of each function, measured round-robin so load affects all."""
    times = {k: [] for k in fns}
    for f in fns.values():
        f()
    for _ in range(repeats):
        for k, f in fns.items():
            t = time.process_time()
            for _ in range(inner):
                f()
            times[k].append((time.process_time() - t) / inner)
    return {k: statistics.median(v) for k, v in times.items()}


def load_graph(root):
    if root:
        g = read_planetoid(root, 'cora')
        return g, 'cora'
    x, y, ei = sbm_graph(2708, 7, num_words=1433, words_per_node=18)
    return Data(
        x=torch.from_numpy(x), y=torch.from_numpy(y), edge_index=torch.from_numpy(ei)
    ), 'sbm'


def appnp_paths(g) -> dict:
    """Builders of the two APPNP training steps on ``g``: name -> () -> step function."""
    x = normalize_features(g.x, 'l1')
    num_classes = int(g.y.max()) + 1
    mask = torch.arange(g.num_nodes) < 140

    def build_ours():
        data = Data(x=x.to_sparse().to_sparse_csr(), edge_index=g.edge_index, num_nodes=g.num_nodes)
        torch.manual_seed(0)
        model = APPNP(x.size(1), num_classes).train()
        opt = torch.optim.Adam(model.parameters(), 0.01)

        def step():
            opt.zero_grad()
            F.cross_entropy(model(data)[mask], g.y[mask]).backward()
            opt.step()

        return step

    def build_pyg():
        torch.manual_seed(0)
        model = PyGAPPNPNet(x.size(1), num_classes).train()
        opt = torch.optim.Adam(model.parameters(), 0.01)

        def step():
            opt.zero_grad()
            F.cross_entropy(model(x, g.edge_index)[mask], g.y[mask]).backward()
            opt.step()

        return step

    return {'mmblog': build_ours, 'pyg': build_pyg}


def bench_appnp(g, repeats):
    steps = {name: build() for name, build in appnp_paths(g).items()}
    t = interleaved(steps, repeats, 10)
    return dict(mmblog_ms=1e3 * t['mmblog'], pyg_ms=1e3 * t['pyg'], speedup=t['pyg'] / t['mmblog'])


def cluster_graph(num_nodes: int) -> Data:
    x, y, ei = sbm_graph(num_nodes, 8, avg_degree=10, num_words=100, seed=1)
    return Data(x=torch.from_numpy(x), y=torch.from_numpy(y), edge_index=torch.from_numpy(ei))


def cluster_paths(g, num_parts: int, q: int, calls: int) -> dict:
    """Builders of the three Cluster-GCN batch paths (collate + forward + backward + Adam).
    Every path draws the same cluster sets in the same order (both partitions are pymetis with
    seed 0; :func:`bench_cluster` checks they are equal), so the batches are identical."""
    num_nodes = g.num_nodes
    gen = torch.Generator().manual_seed(0)
    order = torch.cat([torch.randperm(num_parts, generator=gen) for _ in range(calls)]).tolist()

    def build_ours():
        import mmblog.datasets.graph.base_node_dataset as base
        from mmblog.registry import DATASETS

        class _Mem(base.BaseNodeDataset):
            def load_graph(self):
                d = g.clone()
                d.train_mask = torch.ones(num_nodes, dtype=torch.bool)
                d.val_mask = d.test_mask = torch.zeros(num_nodes, dtype=torch.bool)
                return d

        DATASETS.register_module(name='_BenchGraph', module=_Mem, force=True)
        ds = ClusterDataset(dict(type='_BenchGraph'), num_parts, exclude=(), precompute=False)
        torch.manual_seed(0)
        model = ClusterGCN(100, [128, 128], 8, precompute=False).train()
        opt = torch.optim.Adam(model.parameters(), 0.01)
        draws = iter([order[i * q : (i + 1) * q] for i in range(calls)])

        def step():
            b = cluster_collate([ds[i] for i in next(draws)])['inputs']
            opt.zero_grad()
            F.cross_entropy(model(b), b.y).backward()
            opt.step()

        step.cluster = ds.cluster
        return step

    def build_loader_path(network):
        def build():
            cd = MetisClusterData(g, num_parts, log=False)
            batches = iter(ClusterLoader(cd, batch_size=q, sampler=order[: calls * q]))
            torch.manual_seed(0)
            if network == 'mmblog':
                model = ClusterGCN(100, [128, 128], 8, precompute=False).train()
            else:
                model = PyGClusterGCNNet([100, 128, 128, 8]).train()
            opt = torch.optim.Adam(model.parameters(), 0.01)

            def step():
                b = next(batches)
                opt.zero_grad()
                out = model(b) if network == 'mmblog' else model(b.x, b.edge_index)
                F.cross_entropy(out, b.y).backward()
                opt.step()

            cluster = torch.empty(num_nodes, dtype=torch.long)
            cluster[cd.partition.node_perm] = torch.repeat_interleave(
                torch.arange(num_parts), cd.partition.partptr.diff()
            )
            step.cluster = cluster
            return step

        return build

    return {
        'mmblog': build_ours,
        'pyg': build_loader_path('mmblog'),
        'pyg_own': build_loader_path('pyg'),
    }


def bench_cluster(repeats, num_nodes, num_parts, q):
    g = cluster_graph(num_nodes)
    t = time.process_time()
    metis_partition(g.edge_index, num_nodes, num_parts)
    metis_s = time.process_time() - t
    builders = cluster_paths(g, num_parts, q, 1 + repeats * 5)
    steps = {name: build() for name, build in builders.items()}
    for name, step in steps.items():
        if not torch.equal(step.cluster, steps['mmblog'].cluster):
            raise RuntimeError(f'the {name} path partitioned the graph differently')
    t = interleaved(steps, repeats, 5)
    return dict(
        num_nodes=num_nodes,
        num_edges=int(g.edge_index.size(1)),
        num_parts=num_parts,
        q=q,
        metis_partition_s=metis_s,
        mmblog_batch_ms=1e3 * t['mmblog'],
        pyg_batch_ms=1e3 * t['pyg'],
        speedup=t['pyg'] / t['mmblog'],
        pyg_own_network_batch_ms=1e3 * t['pyg_own'],
        speedup_vs_pyg_own_network=t['pyg_own'] / t['mmblog'],
    )


def _proc_status_mb(field: str) -> float:
    with open('/proc/self/status') as f:
        return int(re.search(rf'{field}:\s+(\d+)', f.read()).group(1)) / 1024


def measure_memory_here(task: str, path: str, args) -> dict:
    """In this (fresh) process: the resident set size once the imports and the input graph are
    in, then the peak while ``path`` of ``task`` is built and runs 20 steps. torch's CPU
    allocator is invisible to tracemalloc, and the imports' own transient peak would hide a
    small model in ``ru_maxrss``, so the kernel's high-water mark is reset first (Linux
    ``/proc/self/clear_refs``)."""
    if task == 'appnp':
        g, _ = load_graph(args.planetoid_root)
        builders = appnp_paths(g)
    else:
        g = cluster_graph(args.cluster_nodes)
        builders = cluster_paths(g, 40, 4, 21)
    gc.collect()
    with open('/proc/self/clear_refs', 'w') as f:
        f.write('5')  # VmHWM := VmRSS
    baseline = _proc_status_mb('VmRSS')
    step = builders[path]()
    for _ in range(20):
        step()
    peak = _proc_status_mb('VmHWM')
    return dict(baseline_mb=baseline, peak_mb=peak, model_mb=peak - baseline)


def memory_per_model(args) -> dict:
    """Each task/path in its own process, so that no path's memory hides another's."""
    out = {}
    for task, paths in (
        ('appnp', ('mmblog', 'pyg')),
        ('cluster_gcn', ('mmblog', 'pyg', 'pyg_own')),
    ):
        for path in paths:
            cmd = [sys.executable, __file__, '--memory-of', f'{task}:{path}']
            cmd += ['--cluster-nodes', str(args.cluster_nodes)]
            if args.planetoid_root:
                cmd += ['--planetoid-root', args.planetoid_root]
            done = subprocess.run(cmd, capture_output=True, text=True, check=True)
            out[f'{task}:{path}'] = json.loads(done.stdout.strip().splitlines()[-1])
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--planetoid-root', help='folder with ind.cora.* (else a generated graph)')
    parser.add_argument('--repeats', type=int, default=7)
    parser.add_argument('--cluster-nodes', type=int, default=20000)
    parser.add_argument('--out', help='write the results as JSON here')
    parser.add_argument('--memory-of', help=argparse.SUPPRESS)  # TASK:PATH, for the child runs
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    register_all_modules(init_default_scope=True)
    if args.memory_of:
        task, path = args.memory_of.split(':')
        print(json.dumps(measure_memory_here(task, path, args)))
        return
    g, name = load_graph(args.planetoid_root)
    results = dict(graph=name, threads=1)
    results['appnp_step'] = bench_appnp(g, args.repeats)
    print('APPNP step:', json.dumps(results['appnp_step']), flush=True)
    results['cluster_gcn'] = bench_cluster(args.repeats, args.cluster_nodes, 40, 4)
    print('Cluster-GCN:', json.dumps(results['cluster_gcn']), flush=True)
    results['peak_rss_per_model'] = memory_per_model(args)
    for key, mem in results['peak_rss_per_model'].items():
        print(
            f'peak RSS {key}: {mem["peak_mb"]:.0f} MB ({mem["model_mb"]:+.0f} MB over the '
            f'{mem["baseline_mb"]:.0f} MB of imports and input graph)',
            flush=True,
        )
    if args.out:
        with open(args.out, 'w') as f:
            json.dump(results, f, indent=1)


if __name__ == '__main__':
    run_cli(main)
