"""APPNP: predict with an MLP, then propagate with approximate personalized PageRank."""

from collections.abc import Sequence

import torch
import torch.nn as nn

from mmblog.models.layers.graph_normalization import sym_norm_adj
from mmblog.models.layers.sparse_matrix import SparseMatrix
from mmblog.registry import MODELS

from .node_mlp import NodeMLP


class _PropagationCache:
    """Caches a graph's propagation matrix: full-graph training sees the same graph every step."""

    def __init__(self):
        self.key = None
        self.value = None

    def get(self, graph, build):
        ei = graph.edge_index
        key = (ei.data_ptr(), ei.size(1), graph.num_nodes, ei.device)
        if key != self.key:
            self.key, self.value = key, build()
        return self.value


@MODELS.register_module()
class APPNP(nn.Module):
    """Klicpera et al., "Predict then Propagate" (ICLR 2019), power-iteration variant.

    ``H = f_theta(X)`` (an MLP: dropout, linear, ReLU, dropout, linear; no biases as the
    reference), ``Z^0 = H``, ``Z^{k+1} = (1 - alpha) A^ Z^k + alpha H`` for ``K`` steps with
    ``A^ = D~^-1/2 (A + I) D~^-1/2``. Returns the logits ``Z^K`` (the head applies the softmax).

    Args:
        in_channels, hidden_channels, out_channels: MLP sizes (hidden ``[64]`` in the paper).
        dropout: MLP dropout (0.5).
        alpha: Teleport probability (0.1; 0.2 for MS-Academic).
        K: Power-iteration steps (10).
        adj_dropout: Dropout on the entries of ``A^`` at every step while training (the
            reference TensorFlow code uses 0.5, its PyTorch port 0).
        propagate_train, propagate_eval: Propagate while training / at inference; switching one
            off gives the paper's "propagation only at inference" ablation (the blog post's
            observation that propagating a plain MLP's predictions already helps).
        bias: Linear biases in the MLP.
    """

    def __init__(
        self,
        in_channels: int,
        out_channels: int,
        hidden_channels: Sequence[int] = (64,),
        dropout: float = 0.5,
        alpha: float = 0.1,
        K: int = 10,
        adj_dropout: float = 0.0,
        propagate_train: bool = True,
        propagate_eval: bool = True,
        bias: bool = False,
    ):
        super().__init__()
        if not 0 < alpha <= 1:
            raise ValueError(f'alpha must be in (0, 1], got {alpha}')
        self.mlp = NodeMLP(in_channels, hidden_channels, out_channels, dropout, bias=bias)
        self.alpha, self.K, self.adj_dropout = alpha, K, adj_dropout
        self.propagate_train, self.propagate_eval = propagate_train, propagate_eval
        self._cache = _PropagationCache()

    def propagation_matrix(self, graph) -> SparseMatrix:
        """``(1 - alpha) A^`` as a CSR :class:`SparseMatrix` (cached per graph)."""

        def build():
            a = sym_norm_adj(graph.edge_index, graph.num_nodes, dtype=torch.float32)
            return SparseMatrix.from_dense_or_sparse((1 - self.alpha) * a)

        return self._cache.get(graph, build)

    def propagate(self, h: torch.Tensor, graph) -> torch.Tensor:
        m = self.propagation_matrix(graph)
        z = h
        for _ in range(self.K):
            z = m.dropout(self.adj_dropout, self.training) @ z + self.alpha * h
        return z

    def forward(self, graph) -> torch.Tensor:
        h = self.mlp(graph.x)
        if self.propagate_train if self.training else self.propagate_eval:
            return self.propagate(h, graph)
        return h
