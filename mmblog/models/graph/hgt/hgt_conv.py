"""One HGT layer: heterogeneous mutual attention, message passing and target-specific
aggregation with the gated skip (Hu et al., WWW 2020, eq. 1-5; pyHGT's ``HGTConv``)."""

import math

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch_geometric.utils import softmax

from mmblog.registry import MODELS

from .rel_temporal_encoding import RelTemporalEncoding


def _typed_linear(x: torch.Tensor, types: torch.Tensor, weight, bias) -> torch.Tensor:
    """Row ``n`` of the output is ``x[n] @ weight[types[n]] + bias[types[n]]``: one matmul per
    type (types are few, rows many), no per-row weight gather."""
    out = x.new_empty(x.size(0), weight.size(-1))
    for t in range(weight.size(0)):
        idx = (types == t).nonzero().flatten()
        if idx.numel():
            out[idx] = x[idx] @ weight[t] + bias[t]
    return out


@MODELS.register_module()
class HGTConv(nn.Module):
    """HGT layer on a graph in homogeneous layout with type vectors.

    For an edge ``e = (s, t)`` of relation ``r = phi(e)`` and head ``i``::

        s~ = H[s] + RTE(dT(e))                              (when use_rte)
        ATT-head_i(s, e, t) = (K_i(s~) W_ATT[r, i] Q_i(H[t])^T) * mu[r, i] / sqrt(d/h)
        Attention(s, e, t)  = softmax over the sources of t of ATT-head_i
        MSG-head_i(s, e, t) = V_i(s~) W_MSG[r, i]
        H~[t] = sum_s Attention * MSG                         (heads concatenated)
        H'[t] = alpha * A-Linear_{tau(t)}(gelu(H~[t])) + (1 - alpha) * H[t],
                alpha = sigmoid(skip[tau(t)])                 (then LayerNorm when use_norm)

    K/Q/V/A linears are per node type, ``W_ATT``/``W_MSG`` per relation and head, ``mu`` (the
    relation prior) starts at ones. The post writes ``A-Linear(sigma(H~)) + H``; we follow the
    paper's code (gelu and a learned gate), which is what its reported numbers ran.

    Args:
        dim: Input and output size (the skip needs them equal, as in the paper).
        num_node_types, num_relations: Sizes of the type vocabularies.
        heads: Attention heads; ``dim`` must divide by it.
        dropout: Dropout on the A-Linear output.
        use_norm: LayerNorm per target type after the skip.
        use_rte: Add the relative temporal encoding to source representations.
        max_len: RTE table size.
    """

    def __init__(
        self,
        dim: int,
        num_node_types: int,
        num_relations: int,
        heads: int = 8,
        dropout: float = 0.2,
        use_norm: bool = True,
        use_rte: bool = True,
        max_len: int = 240,
    ):
        super().__init__()
        if dim % heads:
            raise ValueError(f'dim {dim} must be divisible by heads {heads}')
        self.dim, self.heads, self.d_k = dim, heads, dim // heads
        self.num_node_types, self.num_relations = num_node_types, num_relations

        def typed(n):
            w = nn.Parameter(torch.empty(n, dim, dim))
            b = nn.Parameter(torch.zeros(n, dim))
            return w, b

        self.k_weight, self.k_bias = typed(num_node_types)
        self.q_weight, self.q_bias = typed(num_node_types)
        self.v_weight, self.v_bias = typed(num_node_types)
        self.a_weight, self.a_bias = typed(num_node_types)
        self.relation_att = nn.Parameter(torch.empty(num_relations, heads, self.d_k, self.d_k))
        self.relation_msg = nn.Parameter(torch.empty(num_relations, heads, self.d_k, self.d_k))
        self.relation_pri = nn.Parameter(torch.ones(num_relations, heads))
        self.skip = nn.Parameter(torch.ones(num_node_types))
        self.norms = (
            nn.ModuleList(nn.LayerNorm(dim) for _ in range(num_node_types)) if use_norm else None
        )
        self.drop = nn.Dropout(dropout)
        self.rte = RelTemporalEncoding(dim, max_len) if use_rte else None
        self.reset_parameters()

    def reset_parameters(self) -> None:
        # nn.Linear's default init per type; glorot for the relation matrices (pyHGT).
        for w in (self.k_weight, self.q_weight, self.v_weight, self.a_weight):
            for t in range(w.size(0)):
                nn.init.kaiming_uniform_(w.data[t].T, a=math.sqrt(5))
        bound = 1 / math.sqrt(self.dim)
        for b in (self.k_bias, self.q_bias, self.v_bias, self.a_bias):
            nn.init.uniform_(b, -bound, bound)
        for w in (self.relation_att, self.relation_msg):
            a = math.sqrt(6.0 / (self.d_k + self.d_k))
            nn.init.uniform_(w, -a, a)

    def forward(
        self,
        x: torch.Tensor,
        node_type: torch.Tensor,
        edge_index: torch.Tensor,
        edge_type: torch.Tensor,
        edge_time: torch.Tensor | None = None,
        return_attention: bool = False,
    ):
        """``x`` (N, dim); ``node_type`` (N,); ``edge_index`` (2, E) as (source, target);
        ``edge_type`` (E,); ``edge_time`` (E,) long ``dT + offset`` (needed when use_rte)."""
        num_nodes, h, d_k = x.size(0), self.heads, self.d_k
        # Edges grouped by relation (stable sort): each relation's W_ATT/W_MSG is then one
        # block-diagonal matmul on a contiguous slice, with no scatter per relation.
        perm = torch.argsort(edge_type, stable=True)
        src, dst = edge_index[0, perm], edge_index[1, perm]
        counts = torch.bincount(edge_type, minlength=self.num_relations).tolist()
        # K and V are linear, so K(H[s] + RTE(dT)) = K(H[s]) + RTE(dT) W_K[tau(s)]: per-node
        # projections gathered to the edges plus a (types x max_len) table, instead of two
        # matmuls per edge (edges outnumber nodes ~10x). index_select: its backward is an
        # index_add, far cheaper than advanced indexing's accumulate.
        q = _typed_linear(x, node_type, self.q_weight, self.q_bias).index_select(0, dst)
        k = _typed_linear(x, node_type, self.k_weight, self.k_bias).index_select(0, src)
        v = _typed_linear(x, node_type, self.v_weight, self.v_bias).index_select(0, src)
        if self.rte is not None:
            if edge_time is None:
                raise ValueError('use_rte=True needs edge_time (pass use_rte=False without times)')
            edge_time = edge_time[perm]
            if edge_time.numel() and (
                int(edge_time.min()) < 0 or int(edge_time.max()) >= self.rte.max_len
            ):
                self.rte(edge_time)  # raises the out-of-range error
            table = self.rte(torch.arange(self.rte.max_len, device=x.device))  # (L, dim)
            row = node_type.index_select(0, src) * self.rte.max_len + edge_time
            k_table = torch.einsum('ld,tdf->tlf', table, self.k_weight).reshape(-1, self.dim)
            v_table = torch.einsum('ld,tdf->tlf', table, self.v_weight).reshape(-1, self.dim)
            k = k + k_table.index_select(0, row)
            v = v + v_table.index_select(0, row)
        scores, msgs = [], []
        # split (not slicing): its backward concatenates instead of zero-filling a full-size
        # gradient per relation.
        parts = zip(k.split(counts), q.split(counts), v.split(counts))
        for r, (k_r, q_r, v_r) in enumerate(parts):
            if not k_r.size(0):
                continue
            k_r = k_r @ torch.block_diag(*self.relation_att[r])
            scores.append(
                (k_r * q_r).view(-1, h, d_k).sum(-1) * self.relation_pri[r] / math.sqrt(d_k)
            )
            msgs.append(v_r @ torch.block_diag(*self.relation_msg[r]))
        score = torch.cat(scores) if scores else x.new_zeros(0, h)
        msg = torch.cat(msgs) if msgs else x.new_zeros(0, self.dim)
        att = softmax(score, dst, num_nodes=num_nodes)
        weighted = (msg.view(-1, h, d_k) * att.unsqueeze(-1)).view(-1, self.dim)
        agg = x.new_zeros(num_nodes, self.dim).index_add_(0, dst, weighted)
        trans = self.drop(_typed_linear(F.gelu(agg), node_type, self.a_weight, self.a_bias))
        alpha = torch.sigmoid(self.skip)[node_type].unsqueeze(-1)
        out = alpha * trans + (1 - alpha) * x
        if self.norms is not None:
            normed = torch.empty_like(out)
            for t, norm in enumerate(self.norms):
                idx = (node_type == t).nonzero().flatten()
                if idx.numel():
                    normed[idx] = norm(out[idx])
            out = normed
        if not return_attention:
            return out
        unsorted = torch.empty_like(att)
        unsorted[perm] = att
        return out, unsorted
