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
    """The training graph in CSR form plus per-node tensors; batches are cut from it."""

    def __init__(self, graph: Data, norm: str, diag_lambda: float, precompute: bool):
        self.num_nodes = graph.num_nodes
        self.indptr, self.indices = to_csr(graph.edge_index, graph.num_nodes)
        x = graph.x if graph.x.layout == torch.strided else graph.x.to_dense()
        self.x, self.y, self.train_mask = x, graph.y, graph.train_mask
        self.num_train = int(graph.train_mask.sum())
        self.x_pre = None
        if precompute:
            # The first layer's A X over the whole training graph, once (the reference does).
            a = normalized_adjacency(graph.edge_index, graph.num_nodes, norm, diag_lambda)
            self.x_pre = torch.cat([SparseMatrix.from_dense_or_sparse(a) @ x, x], dim=1)

    def subgraph(self, nodes: torch.Tensor) -> Data:
        """Induced subgraph on ``nodes`` by CSR row gathers: O(sum of their degrees), not O(E)."""
        nodes = torch.sort(nodes).values
        local = torch.full((self.num_nodes,), -1, dtype=torch.long)
        local[nodes] = torch.arange(len(nodes))
        starts, ends = self.indptr[nodes], self.indptr[nodes + 1]
        counts = ends - starts
        row = torch.repeat_interleave(torch.arange(len(nodes)), counts)
        offsets = torch.arange(int(counts.sum())) - torch.repeat_interleave(
            counts.cumsum(0) - counts, counts
        )
        col = local[self.indices[torch.repeat_interleave(starts, counts) + offsets]]
        keep = col >= 0
        data = Data(
            x=self.x[nodes],
            y=self.y[nodes],
            edge_index=torch.stack([row[keep], col[keep]]),
            target_mask=self.train_mask[nodes],
            num_nodes=len(nodes),
            num_target_total=self.num_train,
            node_id=nodes,
            # Rows ascending, columns ascending within a row, unique, no self-loops (the store's
            # CSR, relabelled monotonically): the model normalises it without sorting.
            csr_sorted=True,
        )
        if self.x_pre is not None:
            data.x_pre = self.x_pre[nodes]
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
        self.store = _ClusterStore(train_graph, norm, diag_lambda, precompute)
        self.train_graph = train_graph
        self.original_ids = nodes

    def edge_cut_fraction(self) -> float:
        """Fraction of training-graph edges between clusters (what a batch of one loses)."""
        r, c = self.train_graph.edge_index
        return float((self.cluster[r] != self.cluster[c]).float().mean())

    def __len__(self) -> int:
        return len(self.parts)

    def __getitem__(self, index: int) -> dict:
        return dict(nodes=self.parts[index], store=self.store)


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
    nodes = torch.cat([s['nodes'] for s in samples])
    graph = samples[0]['store'].subgraph(nodes)
    return dict(inputs=graph, data_samples=[GraphDataSample(metainfo=dict(split='train'))])
