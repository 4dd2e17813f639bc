"""PPNP: predict with an MLP, then propagate with the exact personalized PageRank matrix."""

from collections.abc import Sequence

import torch
import torch.nn as nn
import torch.nn.functional as F

from mmblog.models.layers.graph_normalization import sym_norm_adj
from mmblog.registry import MODELS

from .appnp import _PropagationCache
from .node_mlp import NodeMLP


def ppr_matrix(edge_index: torch.Tensor, num_nodes: int, alpha: float) -> torch.Tensor:
    """``Pi = alpha (I - (1 - alpha) A^)^-1`` (dense, float64); O(N^3): small graphs only."""
    a = sym_norm_adj(edge_index, num_nodes, dtype=torch.float64).to_dense()
    eye = torch.eye(num_nodes, dtype=torch.float64, device=a.device)
    return alpha * torch.linalg.inv(eye - (1 - alpha) * a)


@MODELS.register_module()
class PPNP(nn.Module):
    """Klicpera et al. (ICLR 2019), exact variant: ``Z = Pi f_theta(X)`` with
    ``Pi = alpha (I - (1 - alpha) A^)^-1`` computed once per graph (dense N x N).

    Args:
        in_channels, hidden_channels, out_channels, dropout, bias: The MLP (as :class:`APPNP`).
        alpha: Teleport probability.
        ppr_dropout: Dropout on the entries of ``Pi`` while training (the reference's option).
        propagate_train, propagate_eval: As :class:`APPNP`.
    """

    def __init__(
        self,
        in_channels: int,
        out_channels: int,
        hidden_channels: Sequence[int] = (64,),
        dropout: float = 0.5,
        alpha: float = 0.1,
        ppr_dropout: float = 0.0,
        propagate_train: bool = True,
        propagate_eval: bool = True,
        bias: bool = False,
    ):
        super().__init__()
        self.mlp = NodeMLP(in_channels, hidden_channels, out_channels, dropout, bias=bias)
        self.alpha, self.ppr_dropout = alpha, ppr_dropout
        self.propagate_train, self.propagate_eval = propagate_train, propagate_eval
        self._cache = _PropagationCache()

    def ppr(self, graph) -> torch.Tensor:
        return self._cache.get(
            graph,
            lambda: ppr_matrix(graph.edge_index, graph.num_nodes, self.alpha).float(),
        )

    def forward(self, graph) -> torch.Tensor:
        h = self.mlp(graph.x)
        if not (self.propagate_train if self.training else self.propagate_eval):
            return h
        return F.dropout(self.ppr(graph), self.ppr_dropout, self.training) @ h
