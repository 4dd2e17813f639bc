"""Session graphs of a whole batch at once: unique items, click -> node alias, and the
normalised in/out connection matrix ``A_s = [A_in | A_out]`` of SR-GNN."""

import torch


def build_session_graphs(seq: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Build the session graphs of a padded batch with tensor ops only (no per-session loop).

    A session's nodes are its distinct items (in ascending item order, as ``np.unique`` gives
    them in the reference); each pair of consecutive clicks ``(v_i, v_{i+1})`` is a directed
    edge, counted once however often it repeats. With the 0/1 adjacency ``E`` (``E[u, v] = 1``
    for an edge u -> v):

    - ``A_in[i, j] = E[j, i] / indeg(i)``: row i averages over the nodes that lead to i;
    - ``A_out[i, j] = E[i, j] / outdeg(i)``: row i averages over the nodes i leads to;

    (a degree of 0 counts as 1, so isolated rows stay 0) and ``A = [A_in | A_out]`` is
    ``(n, 2n)`` per session, zero-padded to the largest ``n`` of the batch.

    Args:
        seq: ``(B, L)`` item indices >= 1, each session left-aligned and right-padded with 0.

    Returns:
        items: ``(B, N)`` the item of every node (0 for padding nodes);
        alias: ``(B, L)`` the node of every click (0 at padding positions: mask them);
        A: ``(B, N, 2N)`` float connection matrices.
    """
    bsz, length = seq.shape
    mask = seq > 0
    vals, order = seq.sort(dim=1)  # padding (0) sorts first
    first = torch.ones_like(mask)
    first[:, 1:] = vals[:, 1:] != vals[:, :-1]
    first &= vals > 0
    rank = first.long().cumsum(1) - 1  # node index of each sorted click
    n_max = max(int(first.sum(1).max()), 1)
    alias = torch.zeros_like(seq).scatter_(1, order, rank.clamp(min=0)) * mask
    rows = torch.arange(bsz, device=seq.device)[:, None].expand(bsz, length)
    items = seq.new_zeros(bsz, n_max)
    items[rows[first], rank[first]] = vals[first]
    edge = mask[:, 1:]  # left-aligned: a valid click is always preceded by a valid one
    adj = torch.zeros(bsz, n_max, n_max, device=seq.device)
    adj[rows[:, 1:][edge], alias[:, :-1][edge], alias[:, 1:][edge]] = 1.0
    in_deg = adj.sum(1).clamp(min=1)
    out_deg = adj.sum(2).clamp(min=1)
    a_in = adj.transpose(1, 2) / in_deg[:, :, None]
    a_out = adj / out_deg[:, :, None]
    return items, alias, torch.cat([a_in, a_out], 2)
