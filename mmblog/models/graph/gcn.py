"""Kipf & Welling's GCN on the full graph (PyG ``GCNConv``): the full-batch reference."""

from collections.abc import Sequence

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch_geometric.nn import GCNConv

from mmblog.registry import MODELS


@MODELS.register_module()
class GCN(nn.Module):
    """``[dropout -> GCNConv -> relu] * (L-1) -> dropout -> GCNConv`` with
    ``A^ = D~^-1/2 (A + I) D~^-1/2``.

    Args:
        in_channels, hidden_channels, out_channels: Layer sizes.
        dropout: Dropout before every layer.
    """

    def __init__(
        self,
        in_channels: int,
        hidden_channels: Sequence[int],
        out_channels: int,
        dropout: float = 0.5,
    ):
        super().__init__()
        sizes = [in_channels, *hidden_channels, out_channels]
        # cached=False: the same module scores full graphs and cluster batches.
        self.convs = nn.ModuleList(GCNConv(a, b) for a, b in zip(sizes, sizes[1:]))
        self.dropout = dropout

    def forward(self, graph) -> torch.Tensor:
        x = graph.x if graph.x.layout == torch.strided else graph.x.to_dense()
        for i, conv in enumerate(self.convs):
            x = conv(F.dropout(x, self.dropout, self.training), graph.edge_index)
            if i < len(self.convs) - 1:
                x = F.relu(x)
        return x
