"""Cluster-GCN's training data: the training graph split into p clusters; a batch of q clusters
becomes one subgraph with the edges between its clusters restored."""

import copy

import torch
from torch_geometric.data import Data

from mmblog.models.layers.graph_normalization import normalized_adjacency
from mmblog.models.layers.sparse_matrix import SparseMatrix
from mmblog.registry import DATASETS, FUNCTIONS
from mmblog.structures import GraphDataSample

from .cluster_partition import metis_partition, random_partition, to_csr


class _ClusterStore:
    """The training graph in CSR form, its nodes renumbered cluster by cluster (as PyG's
    ``ClusterData`` stores them), so that a batch of clusters is cut by slicing contiguous row
    ranges: no per-batch scatter over all nodes and no sort."""

    def __init__(
        self,
        graph: Data,
        cluster: torch.Tensor,
        num_parts: int,
        norm: str,
        diag_lambda: float,
        precompute: bool,
    ):
        n = graph.num_nodes
        self.perm = torch.argsort(cluster, stable=True)  # stored position -> training-graph id
        inv = torch.empty_like(self.perm)
        inv[self.perm] = torch.arange(n)
        self.start = torch.zeros(num_parts + 1, dtype=torch.long)
        self.start[1:] = torch.bincount(cluster, minlength=num_parts).cumsum(0)
        self.cluster_of = cluster[self.perm]
        self.indptr, self.indices = to_csr(inv[graph.edge_index], n)
        # Per stored entry: its column's cluster and position inside that cluster, so a batch
        # relabels its columns with one gather instead of a search.
        self.col_cluster = self.cluster_of[self.indices]
        self.col_local = self.indices - self.start[self.col_cluster]
        self.symmetric = _is_symmetric(self.indptr, self.indices)
        x = graph.x if graph.x.layout == torch.strided else graph.x.to_dense()
        self.x, self.y = x[self.perm], graph.y[self.perm]
        self.train_mask = graph.train_mask[self.perm]
        self.num_train = int(graph.train_mask.sum())
        self.x_pre = None
        if precompute:
            # The first layer's A X over the whole training graph, once (the reference does).
            a = normalized_adjacency(graph.edge_index, n, norm, diag_lambda)
            x_pre = torch.cat([SparseMatrix.from_dense_or_sparse(a) @ x, x], dim=1)
            self.x_pre = x_pre[self.perm]

    def batch(self, clusters) -> Data:
        """Induced subgraph of the union of ``clusters``, edges between them restored; nodes in
        cluster order, ``node_id`` their training-graph ids."""
        cs = sorted(set(int(c) for c in clusters))
        bounds = [(int(self.start[c]), int(self.start[c + 1])) for c in cs]
        edge_bounds = [(int(self.indptr[a]), int(self.indptr[b])) for a, b in bounds]
        sizes = torch.tensor([b - a for a, b in bounds])
        # Batch position of each chosen cluster's first node (clusters kept in order).
        offset = torch.zeros(len(self.start) - 1, dtype=torch.long)
        chosen = torch.zeros(len(self.start) - 1, dtype=torch.bool)
        offset[cs] = sizes.cumsum(0) - sizes
        chosen[cs] = True

        def cut(t, ranges=bounds):
            return torch.cat([t[a:b] for a, b in ranges])

        rows = torch.cat([torch.arange(a, b) for a, b in bounds])
        col_cluster = cut(self.col_cluster, edge_bounds)
        keep = chosen[col_cluster]
        degree = self.indptr[rows + 1] - self.indptr[rows]
        row = torch.repeat_interleave(torch.arange(len(rows)), degree)[keep]
        col = cut(self.col_local, edge_bounds)[keep] + offset[col_cluster[keep]]
        data = Data(
            x=cut(self.x),
            y=cut(self.y),
            edge_index=torch.stack([row, col]),
            target_mask=cut(self.train_mask),
            num_nodes=len(rows),
            num_target_total=self.num_train,
            node_id=self.perm[rows],
            # Rows ascending, columns ascending within a row, unique, no self-loops (the store's
            # CSR, relabelled monotonically): the model normalises it without sorting, and an
            # induced subgraph of an undirected graph is undirected (no transpose needed).
            csr_sorted=True,
            csr_symmetric=self.symmetric,
        )
        if self.x_pre is not None:
            data.x_pre = cut(self.x_pre)
        return data


@DATASETS.register_module()
class ClusterDataset(torch.utils.data.Dataset):
    """Item ``i`` is cluster ``i`` of the training graph; :func:`cluster_collate` merges the
    ``q = batch_size`` clusters a sampler draws into one subgraph, so a shuffled
    ``DefaultSampler`` gives Cluster-GCN's stochastic multiple partitions and one epoch visits
    every cluster once.

    Args:
        graph: Config of a node dataset (its ``train`` view is read).
        num_parts: Number of clusters p.
        partition: ``'metis'`` (pymetis) or ``'random'`` (the ablation).
        exclude: Node sets removed from the training graph (``('test',)`` for a transductive
            split; ``('val', 'test')`` for PPI/Reddit, whose evaluation nodes are unseen).
        norm, diag_lambda: Normalisation of the precomputed first layer (see
            :func:`normalized_adjacency`).
        precompute: Store ``[A X, X]`` of the training graph as ``x_pre`` (first layer).
        seed: Partition seed.
    """

    def __init__(
        self,
        graph: dict,
        num_parts: int,
        partition: str = 'metis',
        exclude=('test',),
        norm: str = 'diag',
        diag_lambda: float = 1.0,
        precompute: bool = True,
        seed: int = 0,
    ):
        base = DATASETS.build(dict(graph, split='train'))
        self.metainfo = base.metainfo
        full = base.graph
        keep = torch.ones(full.num_nodes, dtype=torch.bool)
        for name in exclude:
            keep &= ~full[f'{name}_mask']
        nodes = keep.nonzero().flatten()
        train_graph = _induced(full, nodes)
        if partition == 'metis':
            cluster = metis_partition(
                train_graph.edge_index, train_graph.num_nodes, num_parts, seed
            )
        elif partition == 'random':
            cluster = random_partition(train_graph.num_nodes, num_parts, seed)
        else:
            raise ValueError(f"partition must be 'metis' or 'random', got {partition!r}")
        self.cluster = cluster
        self.parts = [torch.nonzero(cluster == c).flatten() for c in range(num_parts)]
        self.store = _ClusterStore(train_graph, cluster, num_parts, norm, diag_lambda, precompute)
        self.train_graph = train_graph
        self.original_ids = nodes

    def edge_cut_fraction(self) -> float:
        """Fraction of training-graph edges between clusters (what a batch of one loses)."""
        r, c = self.train_graph.edge_index
        return float((self.cluster[r] != self.cluster[c]).float().mean())

    def __len__(self) -> int:
        return len(self.parts)

    def __getitem__(self, index: int) -> dict:
        return dict(cluster=index, store=self.store)


def _is_symmetric(indptr: torch.Tensor, indices: torch.Tensor) -> bool:
    """Whether the CSR graph (sorted, unique entries) equals its transpose."""
    n = len(indptr) - 1
    row = torch.repeat_interleave(torch.arange(n), indptr.diff())
    return torch.equal(torch.sort(indices * n + row).values, row * n + indices)


def _induced(graph: Data, nodes: torch.Tensor) -> Data:
    local = torch.full((graph.num_nodes,), -1, dtype=torch.long)
    local[nodes] = torch.arange(len(nodes))
    r, c = graph.edge_index
    keep = (local[r] >= 0) & (local[c] >= 0)
    out = copy.copy(graph)
    out.edge_index = torch.stack([local[r[keep]], local[c[keep]]])
    for key in ('x', 'y', 'train_mask', 'val_mask', 'test_mask'):
        value = graph[key]
        if value.layout != torch.strided:
            value = value.to_dense()
        out[key] = value[nodes]
    out.num_nodes = len(nodes)
    return out


@FUNCTIONS.register_module()
def cluster_collate(samples: list[dict]) -> dict:
    """Merge the drawn clusters into one subgraph (edges between them restored)."""
    graph = samples[0]['store'].batch([s['cluster'] for s in samples])
    return dict(inputs=graph, data_samples=[GraphDataSample(metainfo=dict(split='train'))])
