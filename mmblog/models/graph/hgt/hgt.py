"""The HGT encoder: per-type input projections, then a stack of HGT layers."""

from collections.abc import Mapping, Sequence

import torch
import torch.nn as nn

from mmblog.registry import MODELS

from .hgt_conv import HGTConv


def hetero_to_typed(
    data, node_types: Sequence[str], edge_types: Sequence[tuple], add_self_loops: bool
) -> dict:
    """A PyG ``HeteroData`` -> homogeneous layout: node offsets per type, ``node_type`` (N,),
    ``edge_index`` (2, E) as (source, target), ``edge_type`` (E,) and, where every node type
    has ``time``, the node times (N,). Self loops form one extra relation (pyHGT's ``'self'``)."""
    offsets, start = {}, 0
    sizes = []
    for nt in node_types:
        n = data[nt].num_nodes if nt in data.node_types else 0
        offsets[nt] = start
        sizes.append(n)
        start += n
    node_type = torch.repeat_interleave(torch.arange(len(node_types)), torch.tensor(sizes))
    edges, types = [], []
    for r, et in enumerate(edge_types):
        if et not in data.edge_types:
            continue
        ei = data[et].edge_index
        edges.append(torch.stack([ei[0] + offsets[et[0]], ei[1] + offsets[et[2]]]))
        types.append(torch.full((ei.size(1),), r, dtype=torch.long))
    if add_self_loops:
        loop = torch.arange(start)
        edges.append(torch.stack([loop, loop]))
        types.append(torch.full((start,), len(edge_types), dtype=torch.long))
    device = data[node_types[0]].x.device
    edge_index = torch.cat(edges, 1) if edges else torch.zeros(2, 0, dtype=torch.long)
    edge_type = torch.cat(types) if types else torch.zeros(0, dtype=torch.long)
    times = [data[nt].get('time') for nt in node_types if nt in data.node_types]
    time = (
        torch.cat([t.long() for t in times]).to(device)
        if all(t is not None for t in times)
        else None
    )
    return dict(
        offsets=offsets,
        sizes=dict(zip(node_types, sizes)),
        node_type=node_type.to(device),
        edge_index=edge_index.to(device),
        edge_type=edge_type.to(device),
        time=time,
    )


@MODELS.register_module()
class HGT(nn.Module):
    """Heterogeneous Graph Transformer encoder (pyHGT's ``GNN`` with ``conv_name='hgt'``).

    ``H0[v] = dropout(tanh(Linear_{tau(v)}(x_v)))`` (per-type input projections), then
    ``num_layers`` :class:`HGTConv` layers. Returns the rows of ``target_type``.

    Args:
        node_types: Node type names, in a fixed order (type ids).
        edge_types: ``(source, relation, target)`` triples; each is one relation id (add reverse
            relations to the graph explicitly: HGT keeps ``<s, r, t>`` and ``<t, r^-1, s>``
            apart).
        in_channels: Input feature size per node type (an int: the same for all).
        hidden_channels: Size of every layer.
        target_type: Node type whose rows are returned.
        num_layers, heads, dropout: As the paper (pyHGT defaults: 2 layers on OAG, 8 heads, 0.2).
        use_rte: Relative temporal encoding; needs ``time`` on every node type.
        time_offset: ``dT = T(t) - T(s) + time_offset`` (pyHGT: 120) so that past and future
            fit one table of ``max_len`` rows; values outside are clamped.
        max_len: RTE table size (pyHGT: 240).
        add_self_loops: A ``'self'`` relation from every node to itself (pyHGT adds them).
        prev_norm, last_norm: LayerNorm in the hidden layers / the last layer.
    """

    def __init__(
        self,
        node_types: Sequence[str],
        edge_types: Sequence[Sequence[str]],
        in_channels: int | Mapping[str, int],
        hidden_channels: int,
        target_type: str,
        num_layers: int = 2,
        heads: int = 8,
        dropout: float = 0.2,
        use_rte: bool = True,
        time_offset: int = 120,
        max_len: int = 240,
        add_self_loops: bool = True,
        prev_norm: bool = True,
        last_norm: bool = True,
    ):
        super().__init__()
        self.node_types = list(node_types)
        self.edge_types = [tuple(et) for et in edge_types]
        if target_type not in self.node_types:
            raise ValueError(f'target_type {target_type!r} is not in node_types {self.node_types}')
        for et in self.edge_types:
            if len(et) != 3 or et[0] not in self.node_types or et[2] not in self.node_types:
                raise ValueError(f'edge type {et} must be (source, relation, target) of node_types')
        if isinstance(in_channels, int):
            in_channels = {nt: in_channels for nt in self.node_types}
        self.target_type = target_type
        self.add_self_loops = add_self_loops
        self.use_rte = use_rte
        self.time_offset, self.max_len = time_offset, max_len
        self.adapt = nn.ModuleDict(
            {nt: nn.Linear(in_channels[nt], hidden_channels) for nt in self.node_types}
        )
        self.drop = nn.Dropout(dropout)
        num_rel = len(self.edge_types) + int(add_self_loops)
        self.convs = nn.ModuleList(
            HGTConv(
                hidden_channels,
                len(self.node_types),
                num_rel,
                heads=heads,
                dropout=dropout,
                use_norm=prev_norm if i < num_layers - 1 else last_norm,
                use_rte=use_rte,
                max_len=max_len,
            )
            for i in range(num_layers)
        )
        self.out_channels = hidden_channels

    def forward(self, data) -> torch.Tensor:
        g = hetero_to_typed(data, self.node_types, self.edge_types, self.add_self_loops)
        hidden = self.adapt[self.node_types[0]].out_features
        x = None
        parts = []
        for nt in self.node_types:
            if g['sizes'][nt]:
                feat = data[nt].x
                feat = feat.to_dense() if feat.is_sparse else feat
                parts.append(torch.tanh(self.adapt[nt](feat.float())))
        x = self.drop(torch.cat(parts) if parts else torch.zeros(0, hidden))
        edge_time = None
        if self.use_rte:
            if g['time'] is None:
                raise ValueError(
                    'use_rte=True needs a `time` tensor on every node type of the graph '
                    '(set use_rte=False for a graph without timestamps)'
                )
            src, dst = g['edge_index']
            edge_time = (g['time'][dst] - g['time'][src] + self.time_offset).clamp(
                0, self.max_len - 1
            )
        for conv in self.convs:
            x = conv(x, g['node_type'], g['edge_index'], g['edge_type'], edge_time)
        start = g['offsets'][self.target_type]
        return x[start : start + g['sizes'][self.target_type]]
