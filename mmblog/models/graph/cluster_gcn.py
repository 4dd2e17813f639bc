"""Cluster-GCN's network: graph convolutions with row or diagonal-enhanced normalisation."""

from collections.abc import Sequence

import torch
import torch.nn as nn
import torch.nn.functional as F

from mmblog.models.layers.graph_normalization import (
    normalized_adjacency_csr,
    normalized_symmetric_adjacency,
)
from mmblog.models.layers.sparse_matrix import SparseMatrix
from mmblog.registry import MODELS

from .appnp import _PropagationCache


@MODELS.register_module()
class ClusterGCN(nn.Module):
    """Chiang et al. (KDD 2019): ``X^{l+1} = sigma(A' X^l W^l)`` on a batch subgraph, with
    ``A' = D^-1 A`` (``norm='vanilla'``) or ``A~ + lambda diag(A~)``,
    ``A~ = (D + I)^-1 (A + I)`` (``norm='diag'``: diagonal enhancement).

    With ``precompute=True`` the first layer reads ``[A' X, X]`` (computed once over the whole
    training graph by :class:`ClusterDataset` as ``x_pre``; at evaluation over the full graph,
    here, cached) and only applies its weights, as the reference implementation does.

    Args:
        in_channels: Feature size of X (the first layer sees ``2 * in_channels`` if precompute).
        hidden_channels: Hidden sizes; ``len + 1`` layers.
        out_channels: Classes.
        norm, diag_lambda: The normalisation (lambda 1 for PPI, 1e-4 for Reddit).
        dropout: Dropout before every layer (0.2).
        precompute: See above.
    """

    def __init__(
        self,
        in_channels: int,
        hidden_channels: Sequence[int],
        out_channels: int,
        norm: str = 'diag',
        diag_lambda: float = 1.0,
        dropout: float = 0.2,
        precompute: bool = True,
    ):
        super().__init__()
        first = 2 * in_channels if precompute else in_channels
        sizes = [first, *hidden_channels, out_channels]
        self.lins = nn.ModuleList(nn.Linear(a, b) for a, b in zip(sizes, sizes[1:]))
        self.norm, self.diag_lambda = norm, diag_lambda
        self.dropout, self.precompute = dropout, precompute
        self._adj_cache = _PropagationCache()
        self._pre_cache = _PropagationCache()

    def adjacency(self, graph):
        """The normalised batch adjacency: sort- and transpose-free for the undirected,
        CSR-ordered batches :func:`cluster_collate` marks, general otherwise."""

        def build():
            if graph.get('csr_sorted', False) and graph.get('csr_symmetric', False):
                return normalized_symmetric_adjacency(
                    graph.edge_index, graph.num_nodes, self.norm, self.diag_lambda
                )
            a = normalized_adjacency_csr(
                graph.edge_index,
                graph.num_nodes,
                self.norm,
                self.diag_lambda,
                # cluster_collate's batches come in CSR order: no sort needed.
                sorted_unique=bool(graph.get('csr_sorted', False)),
            )
            return SparseMatrix(a)

        if self.training:  # every batch is a new subgraph: no caching
            return build()
        return self._adj_cache.get(graph, build)

    def forward(self, graph) -> torch.Tensor:
        a = self.adjacency(graph)
        x = graph.x if graph.x.layout == torch.strided else graph.x.to_dense()
        if self.precompute:
            h = graph.get('x_pre')
            if h is None:
                h = self._pre_cache.get(graph, lambda: torch.cat([a @ x, x], dim=1))
        else:
            h = x
        for i, lin in enumerate(self.lins):
            h = lin(F.dropout(h, self.dropout, self.training))
            if i > 0 or not self.precompute:
                h = a @ h
            if i < len(self.lins) - 1:
                h = F.relu(h)
        return h
