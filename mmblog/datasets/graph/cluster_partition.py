"""Graph partitions for Cluster-GCN: METIS through pymetis (no pyg-lib / torch-sparse), random
partitions for the ablation, and a PyG ``ClusterData`` that uses pymetis."""

import numpy as np
import pymetis
import torch
from torch_geometric.loader import ClusterData


def to_csr(edge_index: torch.Tensor, num_nodes: int) -> tuple[torch.Tensor, torch.Tensor]:
    """``(indptr, indices)`` of the graph: rows and each row's columns sorted, duplicates merged,
    self-loops removed (METIS rejects them)."""
    row, col = edge_index
    keep = row != col
    key = torch.unique(row[keep] * num_nodes + col[keep])
    row, col = key // num_nodes, key % num_nodes
    indptr = torch.zeros(num_nodes + 1, dtype=torch.long)
    indptr[1:] = torch.bincount(row, minlength=num_nodes).cumsum(0)
    return indptr, col


def metis_partition(
    edge_index: torch.Tensor, num_nodes: int, num_parts: int, seed: int = 0
) -> torch.Tensor:
    """Cluster id (0..num_parts-1) of every node by METIS k-way partitioning (pymetis).
    ``edge_index`` must hold both directions of every undirected edge."""
    if num_parts <= 1:
        return torch.zeros(num_nodes, dtype=torch.long)
    indptr, indices = to_csr(edge_index, num_nodes)
    opts = pymetis.Options(seed=seed)
    adjacency = pymetis.CSRAdjacency(indptr.numpy(), indices.numpy())
    _, membership = pymetis.part_graph(num_parts, adjacency=adjacency, options=opts)
    return torch.as_tensor(np.asarray(membership), dtype=torch.long)


def random_partition(num_nodes: int, num_parts: int, seed: int = 0) -> torch.Tensor:
    """Balanced random clusters (Cluster-GCN's "random partition" ablation)."""
    g = torch.Generator().manual_seed(seed)
    return torch.randperm(num_nodes, generator=g) % num_parts


class MetisClusterData(ClusterData):
    """PyG's ``ClusterData`` with its METIS step done by pymetis, so ``ClusterLoader`` works
    without pyg-lib or torch-sparse (neither has a wheel here).

    Example:
        >>> cluster_data = MetisClusterData(data, num_parts=50, log=False)
        >>> loader = ClusterLoader(cluster_data, batch_size=5, shuffle=True)
    """

    def _metis(self, edge_index: torch.Tensor, num_nodes: int) -> torch.Tensor:
        return metis_partition(edge_index.cpu(), num_nodes, self.num_parts).to(edge_index.device)
