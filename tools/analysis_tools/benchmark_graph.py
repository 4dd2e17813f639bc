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
   marks and take the general path. Also the process's peak resident set size (``ru_maxrss``).
Without ``--planetoid-root`` the generated planted-partition graph stands in for Cora.
"""

import argparse
import json
import resource
import statistics
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


def bench_appnp(g, repeats):
    x = normalize_features(g.x, 'l1')
    xs = x.to_sparse().to_sparse_csr()
    data_ours = Data(x=xs, edge_index=g.edge_index, num_nodes=g.num_nodes)
    torch.manual_seed(0)
    ours = APPNP(x.size(1), int(g.y.max()) + 1).train()
    theirs = PyGAPPNPNet(x.size(1), int(g.y.max()) + 1).train()
    opt_o, opt_t = (
        torch.optim.Adam(ours.parameters(), 0.01),
        torch.optim.Adam(theirs.parameters(), 0.01),
    )
    mask = torch.arange(g.num_nodes) < 140

    def step_ours():
        opt_o.zero_grad()
        F.cross_entropy(ours(data_ours)[mask], g.y[mask]).backward()
        opt_o.step()

    def step_theirs():
        opt_t.zero_grad()
        F.cross_entropy(theirs(x, g.edge_index)[mask], g.y[mask]).backward()
        opt_t.step()

    t = interleaved({'mmblog': step_ours, 'pyg': step_theirs}, repeats, 10)
    return dict(mmblog_ms=1e3 * t['mmblog'], pyg_ms=1e3 * t['pyg'], speedup=t['pyg'] / t['mmblog'])


def bench_cluster(repeats, num_nodes, num_parts, q):
    x, y, ei = sbm_graph(num_nodes, 8, avg_degree=10, num_words=100, seed=1)
    g = Data(x=torch.from_numpy(x), y=torch.from_numpy(y), edge_index=torch.from_numpy(ei))
    t = time.process_time()
    metis_partition(g.edge_index, num_nodes, num_parts)
    metis_s = time.process_time() - t
    # mmblog: ClusterDataset over an in-memory node dataset.
    import mmblog.datasets.graph.base_node_dataset as base

    class _Mem(base.BaseNodeDataset):
        def load_graph(self):
            d = g.clone()
            d.train_mask = torch.ones(num_nodes, dtype=torch.bool)
            d.val_mask = d.test_mask = torch.zeros(num_nodes, dtype=torch.bool)
            return d

    from mmblog.registry import DATASETS

    DATASETS.register_module(name='_BenchGraph', module=_Mem, force=True)
    ds = ClusterDataset(dict(type='_BenchGraph'), num_parts, exclude=(), precompute=False)
    torch.manual_seed(0)
    model = ClusterGCN(100, [128, 128], 8, precompute=False).train()
    opt = torch.optim.Adam(model.parameters(), 0.01)
    # Every path draws the same cluster sets in the same order (both partitions are pymetis
    # with seed 0), so the batches compared are identical subgraphs.
    gen = torch.Generator().manual_seed(0)
    calls = 1 + repeats * 5
    order = torch.cat([torch.randperm(num_parts, generator=gen) for _ in range(calls)]).tolist()
    draws = [order[i * q : (i + 1) * q] for i in range(calls)]
    ours_iter = iter(draws)

    def batch_ours():
        b = cluster_collate([ds[i] for i in next(ours_iter)])['inputs']
        opt.zero_grad()
        F.cross_entropy(model(b), b.y).backward()
        opt.step()

    cd = MetisClusterData(g, num_parts, log=False)
    pyg_cluster = torch.empty(num_nodes, dtype=torch.long)
    pyg_cluster[cd.partition.node_perm] = torch.repeat_interleave(
        torch.arange(num_parts), cd.partition.partptr.diff()
    )
    if not torch.equal(pyg_cluster, ds.cluster):
        raise RuntimeError('the two paths partitioned the graph differently')
    pyg_iter = iter(ClusterLoader(cd, batch_size=q, sampler=order[: calls * q]))

    def batch_pyg():
        b = next(pyg_iter)
        opt.zero_grad()
        F.cross_entropy(model(b), b.y).backward()
        opt.step()

    torch.manual_seed(0)
    pyg_net = PyGClusterGCNNet([100, 128, 128, 8]).train()
    opt_pyg = torch.optim.Adam(pyg_net.parameters(), 0.01)
    own_iter = iter(ClusterLoader(cd, batch_size=q, sampler=order[: calls * q]))

    def batch_pyg_own():
        b = next(own_iter)
        opt_pyg.zero_grad()
        F.cross_entropy(pyg_net(b.x, b.edge_index), b.y).backward()
        opt_pyg.step()

    t = interleaved({'mmblog': batch_ours, 'pyg': batch_pyg, 'pyg_own': batch_pyg_own}, repeats, 5)
    # torch's CPU allocator is invisible to tracemalloc: the process's peak resident set size
    # (ru_maxrss, KiB on Linux) after both paths ran, i.e. an upper bound for either.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
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
        process_peak_rss_mb=peak / 2**20,
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--planetoid-root', help='folder with ind.cora.* (else a generated graph)')
    parser.add_argument('--repeats', type=int, default=7)
    parser.add_argument('--cluster-nodes', type=int, default=20000)
    parser.add_argument('--out', help='write the results as JSON here')
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    register_all_modules(init_default_scope=True)
    g, name = load_graph(args.planetoid_root)
    results = dict(graph=name, threads=1)
    results['appnp_step'] = bench_appnp(g, args.repeats)
    print('APPNP step:', json.dumps(results['appnp_step']), flush=True)
    results['cluster_gcn'] = bench_cluster(args.repeats, args.cluster_nodes, 40, 4)
    print('Cluster-GCN:', json.dumps(results['cluster_gcn']), flush=True)
    if args.out:
        with open(args.out, 'w') as f:
            json.dump(results, f, indent=1)


if __name__ == '__main__':
    run_cli(main)
