"""Session graphs of a whole batch at once: unique items, click -> node alias, and the
normalised in/out connection matrix ``A_s = [A_in | A_out]`` of SR-GNN."""

import torch
import torch.nn.functional as F


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
    bsz = seq.shape[0]
    vals, order = seq.sort(dim=1)  # padding (0) sorts first
    # A sorted click starts a node where its item differs from the one before (a shifted copy
    # with 0 in front), so the cumsum is a 1-based node index and 0 for padding.
    rank = (vals != F.pad(vals, (1, -1))).cumsum(1)
    n = max(int(rank.max()), 1)
    # Column 0 collects the padding; repeats write the same item to the same node.
    items = seq.new_zeros(bsz, n + 1).scatter_(1, rank, vals)
    alias = torch.empty_like(seq).scatter_(1, order, rank).sub_(1).clamp_(min=0)
    # Edge u -> v sets A_in[v, u] (flat v * 2n + u) and A_out[u, v] (flat u * 2n + n + v) of a
    # contiguous (B, n, 2n) buffer in one scatter_add; a click into padding (left-aligned
    # sessions: only those) adds weight 0. Clamping the counts to 1 counts repeats once.
    u, v = alias[:, :-1], alias[:, 1:]
    flat = torch.cat([torch.add(u, v, alpha=2 * n), torch.add(v, u, alpha=2 * n).add_(n)], 1)
    adj = torch.zeros(bsz, n, 2 * n, device=seq.device)
    valid = seq[:, 1:].gt(0).to(adj.dtype)
    adj.view(bsz, -1).scatter_add_(1, flat, torch.cat([valid, valid], 1)).clamp_(max=1)
    halves = adj.view(bsz, n, 2, n)
    halves.div_(halves.sum(3, keepdim=True).clamp_(min=1))  # row-normalise each half
    return items[:, 1:], alias, adj
