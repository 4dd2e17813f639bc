"""A multi-layer perceptron on node features alone: the no-graph baseline."""

from collections.abc import Sequence

import torch
import torch.nn as nn
import torch.nn.functional as F

from mmblog.models.layers.sparse_matrix import SparseMatrix
from mmblog.registry import MODELS


def sparse_dropout(x, p: float, training: bool):
    """Dropout of the stored values of a sparse matrix; dense tensors: plain dropout."""
    if isinstance(x, torch.Tensor) and x.layout == torch.strided:
        return F.dropout(x, p, training)
    return as_sparse_matrix(x).dropout(p, training)


def as_sparse_matrix(x) -> SparseMatrix:
    return x if isinstance(x, SparseMatrix) else SparseMatrix.from_dense_or_sparse(x)


def linear(x, layer: nn.Linear) -> torch.Tensor:
    """``layer(x)`` for a dense tensor or a :class:`SparseMatrix`; bag-of-words features stay
    sparse (CSR products with a cached transpose: ~10x faster than dense on 1%-dense rows)."""
    if isinstance(x, torch.Tensor):
        return layer(x)
    out = x @ layer.weight.t()
    return out if layer.bias is None else out + layer.bias


@MODELS.register_module()
class NodeMLP(nn.Module):
    """``x -> [dropout -> linear -> relu] * (L-1) -> dropout -> linear``, ignoring the edges.

    Args:
        in_channels: Node feature size.
        hidden_channels: Hidden sizes (one entry per hidden layer).
        out_channels: Output size (classes).
        dropout: Dropout before every linear layer (on sparse inputs: on the stored values).
        bias: Linear biases.
    """

    def __init__(
        self,
        in_channels: int,
        hidden_channels: Sequence[int],
        out_channels: int,
        dropout: float = 0.5,
        bias: bool = True,
    ):
        super().__init__()
        sizes = [in_channels, *hidden_channels, out_channels]
        self.lins = nn.ModuleList(nn.Linear(a, b, bias=bias) for a, b in zip(sizes, sizes[1:]))
        self.dropout = dropout

    def mlp(self, x: torch.Tensor) -> torch.Tensor:
        if x.layout != torch.strided:
            x = self._sparse_input(x)
        for i, lin in enumerate(self.lins):
            x = linear(sparse_dropout(x, self.dropout, self.training), lin)
            if i < len(self.lins) - 1:
                x = F.relu(x)
        return x

    def _sparse_input(self, x: torch.Tensor) -> SparseMatrix:
        # Full-graph training feeds the same feature matrix every step: build its transpose once.
        cache = self.__dict__.setdefault('_x_cache', {})
        key = (x.values().data_ptr(), x.shape, x.device)
        if key not in cache:
            cache.clear()
            cache[key] = SparseMatrix.from_dense_or_sparse(x)
        return cache[key]

    def forward(self, graph) -> torch.Tensor:
        """Node outputs of a PyG graph (its ``x``) or of a feature matrix."""
        return self.mlp(graph if isinstance(graph, torch.Tensor) else graph.x)
