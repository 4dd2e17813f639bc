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
        src, dst = edge_index
        h, d_k = self.heads, self.d_k
        x_src = x[src]
        if self.rte is not None:
            if edge_time is None:
                raise ValueError('use_rte=True needs edge_time (pass use_rte=False without times)')
            x_src = x_src + self.rte(edge_time)
        src_type = node_type[src]
        # Q of every node once; K and V per edge because RTE makes the source edge-dependent.
        q = _typed_linear(x, node_type, self.q_weight, self.q_bias).view(-1, h, d_k)[dst]
        k = _typed_linear(x_src, src_type, self.k_weight, self.k_bias).view(-1, h, d_k)
        v = _typed_linear(x_src, src_type, self.v_weight, self.v_bias).view(-1, h, d_k)
        score = x.new_empty(src.numel(), h)
        msg = torch.empty_like(v)
        for r in range(self.num_relations):
            idx = (edge_type == r).nonzero().flatten()
            if not idx.numel():
                continue
            # (E_r, h, d_k) x (h, d_k, d_k) per head.
            k_r = torch.einsum('ehd,hdf->ehf', k[idx], self.relation_att[r])
            score[idx] = (k_r * q[idx]).sum(-1) * self.relation_pri[r] / math.sqrt(d_k)
            msg[idx] = torch.einsum('ehd,hdf->ehf', v[idx], self.relation_msg[r])
        att = softmax(score, dst, num_nodes=x.size(0))
        agg = x.new_zeros(x.size(0), h, d_k).index_add_(0, dst, msg * att.unsqueeze(-1))
        trans = self.drop(
            _typed_linear(F.gelu(agg.view(-1, self.dim)), node_type, self.a_weight, self.a_bias)
        )
        alpha = torch.sigmoid(self.skip)[node_type].unsqueeze(-1)
        out = alpha * trans + (1 - alpha) * x
        if self.norms is not None:
            normed = torch.empty_like(out)
            for t, norm in enumerate(self.norms):
                idx = (node_type == t).nonzero().flatten()
                if idx.numel():
                    normed[idx] = norm(out[idx])
            out = normed
        return (out, att) if return_attention else out
