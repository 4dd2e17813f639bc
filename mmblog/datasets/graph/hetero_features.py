"""Features for node types that have none: the mean of their featured neighbours (HGT's recipe
for OAG/ogbn-mag authors, fields and institutions)."""

import torch
from torch_geometric.data import HeteroData


def fill_featureless_features(data: HeteroData) -> list[str]:
    """Give every node type without ``x`` the mean ``x`` of its neighbours over all edge types
    pointing into it, in rounds: a type filled in one round (authors from papers) feeds the
    next (institutions from authors). Nodes without a featured neighbour get zeros. Returns
    the filled types in the order they were filled."""
    filled = []
    while True:
        featured = {nt for nt in data.node_types if data[nt].get('x') is not None}
        todo = {}
        for nt in data.node_types:
            if nt in featured:
                continue
            srcs = [et for et in data.edge_types if et[2] == nt and et[0] in featured]
            if srcs:
                todo[nt] = srcs
        if not todo:
            return filled
        for nt, srcs in todo.items():
            dims = {data[et[0]].x.size(1) for et in srcs}
            if len(dims) > 1:
                raise ValueError(
                    f'cannot average features into {nt!r}: its neighbour types have sizes {dims}'
                )
            n = data[nt].num_nodes
            total = torch.zeros(n, dims.pop())
            count = torch.zeros(n)
            for et in srcs:
                src, dst = data[et].edge_index
                feat = data[et[0]].x
                feat = feat.to_dense() if feat.is_sparse else feat
                total.index_add_(0, dst, feat[src].float())
                count.index_add_(0, dst, torch.ones(dst.numel()))
            data[nt].x = total / count.clamp_min(1).unsqueeze(1)
            filled.append(nt)


def assign_inductive_times(data: HeteroData) -> list[str]:
    """Give every node type without ``time`` the rounded mean time of its timed neighbours, in
    rounds like :func:`fill_featureless_features` (plain nodes -- authors, fields -- have no
    date of their own). This is the full-graph form of HGT's inductive timestamp assignment;
    :class:`HGSampler` instead lets a plain node inherit the time of the node that sampled it,
    as pyHGT does. Nodes without a timed neighbour get the mean of all times."""
    filled = []
    while True:
        timed = {nt for nt in data.node_types if data[nt].get('time') is not None}
        todo = {
            nt: [et for et in data.edge_types if et[2] == nt and et[0] in timed]
            for nt in data.node_types
            if nt not in timed
        }
        todo = {nt: ets for nt, ets in todo.items() if ets}
        if not todo:
            return filled
        for nt, ets in todo.items():
            n = data[nt].num_nodes
            total = torch.zeros(n, dtype=torch.float64)
            count = torch.zeros(n, dtype=torch.float64)
            for et in ets:
                src, dst = data[et].edge_index
                total.index_add_(0, dst, data[et[0]].time[src].double())
                count.index_add_(0, dst, torch.ones(dst.numel(), dtype=torch.float64))
            fallback = (total.sum() / count.sum().clamp_min(1)).item()
            mean = torch.where(
                count > 0, total / count.clamp_min(1), torch.full_like(total, fallback)
            )
            data[nt].time = mean.round().long()
            filled.append(nt)
