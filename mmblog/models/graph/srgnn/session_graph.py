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
    rank = first.long().cumsum(1) - 1  # node index of each sorted click (-1: padding)
    n_max = max(int(rank[:, -1].max()) + 1, 1)
    alias = torch.zeros_like(seq).scatter_(1, order, rank.clamp(min=0))
    # Scatter instead of boolean indexing (cheaper): repeats write the same item to the same
    # node, padding goes to a spare column n_max that is cut off.
    items = seq.new_zeros(bsz, n_max + 1).scatter_(1, torch.where(first, rank, n_max), vals)
    items = items[:, :n_max]
    # Edge (b, u, v) -> flat index into B x N x N; non-edges go to one spare slot at the end.
    # (Left-aligned sessions: a valid click is always preceded by a valid one.)
    flat = (torch.arange(bsz, device=seq.device)[:, None] * n_max + alias[:, :-1]) * n_max
    flat = torch.where(mask[:, 1:], flat + alias[:, 1:], bsz * n_max * n_max)
    adj = torch.zeros(bsz * n_max * n_max + 1, device=seq.device)
    adj.scatter_(0, flat.reshape(-1), 1.0)
    adj = adj[:-1].view(bsz, n_max, n_max)
    a_in = adj.transpose(1, 2) / adj.sum(1).clamp(min=1)[:, :, None]
    a_out = adj / adj.sum(2).clamp(min=1)[:, :, None]
    return items, alias * mask, torch.cat([a_in, a_out], 2)
