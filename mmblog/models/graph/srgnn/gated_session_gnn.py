"""The gated graph neural network of SR-GNN: ``step`` rounds of in/out message passing on the
session graph followed by a GRU update."""

import torch
from torch import nn


class GatedSessionGNN(nn.Module):
    """One GGNN cell applied ``step`` times (the reference's default is 1).

    Per step, with node states ``V`` (n, d) and ``A = [A_in | A_out]`` (n, 2n)::

        a   = [A_in (V H_in^T + c_in) + b_in , A_out (V H_out^T + c_out) + b_out]   (n, 2d)
        z   = sigmoid(W_z a + b_z + U_z v + e_z)           update gate
        r   = sigmoid(W_r a + b_r + U_r v + e_r)           reset gate
        n   = tanh(W_n a + b_n + r * (U_n v + e_n))        candidate
        v'  = (1 - z) * n + z * v

    This is the reference's convention (its ``GNNCell``), which is exactly ``torch.nn.GRUCell``
    with input ``a``: the reset gate multiplies ``U_n v`` *after* the linear map, and ``z`` keeps
    the old state. The paper (and the post) write ``tanh(W_o a + U_o (r * v))`` and
    ``v' = (1 - z) v + z n``, i.e. ``z`` swapped with ``1 - z`` and the reset applied before the
    map; the two parametrise the same family up to the naming of ``z``. The post's update gate
    ``U_r`` is a typo for ``U_z``. ``a = A_{s,i:} [v_1..v_n]^T H + b`` of the paper is the
    in/out split above (H = block-diagonal in/out maps).

    Args:
        channels: Node state width d.
        step: Propagation steps.
    """

    def __init__(self, channels: int, step: int = 1):
        super().__init__()
        self.step = step
        self.edge_in = nn.Linear(channels, channels)
        self.edge_out = nn.Linear(channels, channels)
        self.bias_in = nn.Parameter(torch.zeros(channels))
        self.bias_out = nn.Parameter(torch.zeros(channels))
        self.gru = nn.GRUCell(2 * channels, channels)

    def forward(self, adj: torch.Tensor, hidden: torch.Tensor) -> torch.Tensor:
        """``adj`` (B, N, 2N), ``hidden`` (B, N, d) -> new node states (B, N, d)."""
        bsz, n, d = hidden.shape
        for _ in range(self.step):
            a_in = adj[:, :, :n] @ self.edge_in(hidden) + self.bias_in
            a_out = adj[:, :, n:] @ self.edge_out(hidden) + self.bias_out
            msg = torch.cat([a_in, a_out], 2).reshape(bsz * n, 2 * d)
            hidden = self.gru(msg, hidden.reshape(bsz * n, d)).view(bsz, n, d)
        return hidden
