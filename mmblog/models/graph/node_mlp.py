"""A multi-layer perceptron on node features alone: the no-graph baseline."""

from collections.abc import Sequence

import torch
import torch.nn as nn
import torch.nn.functional as F

from mmblog.registry import MODELS


def sparse_dropout(x: torch.Tensor, p: float, training: bool) -> torch.Tensor:
    """Dropout of a sparse COO tensor's stored values (dense tensors: plain dropout)."""
    if not x.is_sparse:
        return F.dropout(x, p, training)
    if not training or p == 0:
        return x
    x = x.coalesce()
    return torch.sparse_coo_tensor(x.indices(), F.dropout(x.values(), p, True), x.shape)


def linear(x: torch.Tensor, layer: nn.Linear) -> torch.Tensor:
    """``layer(x)`` for dense or sparse COO ``x`` (bag-of-words features stay sparse)."""
    if not x.is_sparse:
        return layer(x)
    out = torch.sparse.mm(x, layer.weight.t())
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
        for i, lin in enumerate(self.lins):
            x = linear(sparse_dropout(x, self.dropout, self.training), lin)
            if i < len(self.lins) - 1:
                x = F.relu(x)
        return x

    def forward(self, graph) -> torch.Tensor:
        return self.mlp(graph.x)
