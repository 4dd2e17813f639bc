"""PyG's ``RGCNConv`` computed through one relation adjacency per batch, shared by all layers.

Without pyg-lib / torch-sparse, ``RGCNConv`` masks the edge list and propagates once per
relation in every layer (IGMC: 5 relations x 4 layers). Here the adjacency of all relations is
one sparse ``[N * R, N]`` matrix (row ``dst * R + r``, value ``1 / deg_r(dst)`` for the mean, 1
for the sum), built once per batch with its transpose (for the backward pass), so a layer is one
sparse product and one dense one:

    out = (A @ x).view(N, R * in) @ [W_1; ...; W_R] + x @ root + bias,  W_r = sum_b comp[r, b] B_b
"""

import torch
import torch.nn.functional as F
from torch_geometric.nn import RGCNConv

from mmblog.models.layers.sparse_matrix import SparseMatrix


def relation_adjacency(
    edge_index: torch.Tensor,
    edge_type: torch.Tensor,
    num_nodes: int,
    num_relations: int,
    dtype: torch.dtype = torch.float32,
    aggr: str = 'mean',
) -> SparseMatrix:
    """The ``[N * R, N]`` per-relation aggregation matrix of a graph and its transpose.

    Args:
        edge_index: ``(2, E)`` source and target node of every edge.
        edge_type: ``(E,)`` relation of every edge, in ``[0, num_relations)``.
        num_nodes: ``N``.
        num_relations: ``R``.
        dtype: Dtype of the values (the node features').
        aggr: ``'mean'`` (``RGCNConv``'s default and the IGMC paper's formula) or ``'add'``
            (``RGCNConv(aggr='add')``; what the IGMC reference code ran, see :class:`IGMC`).

    Returns:
        ``A`` with ``A[dst * R + r, src] = 1 / deg_r(dst)`` (mean) or 1 (add) for every edge
        ``src -> dst`` of relation ``r`` (repeated edges add up, as PyG counts them).
    """
    if aggr not in ('mean', 'add'):
        raise ValueError(f"aggr must be 'mean' or 'add', got {aggr!r}")
    if edge_type.numel() and not 0 <= int(edge_type.min()) <= int(edge_type.max()) < num_relations:
        raise ValueError(f'edge_type must lie in [0, {num_relations}), got {edge_type.unique()}')
    src, dst = edge_index
    rows = num_nodes * num_relations
    # int32 indices where they fit: sorting them takes about half the time of int64.
    itype = torch.int32 if rows < 2**31 else torch.int64
    row = dst * num_relations + edge_type
    deg = torch.bincount(row, minlength=rows)
    # Empty rows give inf but are never looked up.
    inv_deg = deg.to(dtype).reciprocal() if aggr == 'mean' else torch.ones(rows, dtype=dtype)
    row_i, src_i = row.to(itype), src.to(itype)
    sorted_row, order = row_i.sort()
    crow = F.pad(deg.cumsum(0), (1, 0)).to(itype)
    a = torch.sparse_csr_tensor(
        crow, src_i[order], inv_deg[sorted_row], (rows, num_nodes), check_invariants=False
    )
    # A^T has the sources as rows. A PyG batch of extracted subgraphs lists its edges by source
    # already (each graph's edges are, and graphs are concatenated in order): no sort then.
    crow_t = F.pad(torch.bincount(src, minlength=num_nodes).cumsum(0), (1, 0)).to(itype)
    if src.numel() > 1 and not bool((src[1:] >= src[:-1]).all()):
        order_t = src_i.sort().indices
        row_i, row = row_i[order_t], row[order_t]
    a_t = torch.sparse_csr_tensor(
        crow_t, row_i, inv_deg[row], (num_nodes, rows), check_invariants=False
    )
    return SparseMatrix.from_csr_pair(a, a_t)


class SparseRGCNConv(RGCNConv):
    """``RGCNConv`` (mean or add aggregation, root weight, bias, optional bases) with the
    same parameters (``weight``, ``comp``, ``root``, ``bias``: checkpoints load either way) and the
    same output, computed through :func:`relation_adjacency`.

    ``forward(x, adj)`` takes the adjacency built once per batch; ``forward(x, edge_index,
    edge_type)`` builds it (PyG's call, for one layer alone). Block decomposition, bipartite
    ``(in_src, in_dst)`` channels, featureless (index) inputs and other aggregations are not
    supported.
    """

    def __init__(self, in_channels: int, out_channels: int, num_relations: int, *args, **kwargs):
        super().__init__(in_channels, out_channels, num_relations, *args, **kwargs)
        if (
            not isinstance(in_channels, int)
            or self.num_blocks is not None
            or self.aggr not in ('mean', 'add')
        ):
            raise ValueError(
                'SparseRGCNConv supports int in_channels, aggr "mean"/"add" and num_bases only; '
                'use torch_geometric.nn.RGCNConv for block decomposition or bipartite graphs'
            )

    def forward(
        self,
        x: torch.Tensor,
        edge_index: torch.Tensor | SparseMatrix,
        edge_type: torch.Tensor | None = None,
    ) -> torch.Tensor:
        """``x`` (N, in) float node features; ``edge_index`` a :func:`relation_adjacency` or
        ``(2, E)`` edges with ``edge_type`` -> (N, out)."""
        if not isinstance(edge_index, SparseMatrix):
            edge_index = relation_adjacency(
                edge_index, edge_type, x.size(0), self.num_relations, x.dtype, self.aggr
            )
        w = self.weight
        if self.num_bases is not None:
            w = self.comp @ w.view(self.num_bases, -1)
        out = (edge_index @ x).view(x.size(0), -1) @ w.view(-1, self.out_channels)
        if self.root is not None:
            out = torch.addmm(out, x, self.root)
        if self.bias is not None:
            out = out + self.bias
        return out
