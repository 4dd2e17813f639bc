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
    # A click starts a node where its item differs from the previous sorted one; prepending 0
    # makes the first real item a start and leaves padding out.
    first = torch.diff(vals, dim=1, prepend=vals.new_zeros(bsz, 1)) != 0
    rank = first.cumsum(1) - 1  # node index of each sorted click (-1: padding)
    n_max = max(int(rank[:, -1].max()) + 1, 1)
    alias = torch.zeros_like(seq).scatter_(1, order, rank.clamp(min=0))
    # Scatter instead of boolean indexing (cheaper): repeats write the same item to the same
    # node, padding goes to a spare column n_max that is cut off.
    items = seq.new_zeros(bsz, n_max + 1).scatter_(1, torch.where(first, rank, n_max), vals)
    # One scatter fills both halves of a (B, N, 2, N) buffer: edge u -> v sets [b, v, 0, u]
    # (A_in) and [b, u, 1, v] (A_out); non-edges go to one spare slot at the end. Left-aligned
    # sessions: a valid click is always preceded by a valid one.
    u, v = alias[:, :-1], alias[:, 1:]
    base = torch.arange(0, bsz * 2 * n_max * n_max, 2 * n_max * n_max, device=seq.device)[:, None]
    flat = torch.cat([base + v * (2 * n_max) + u, base + u * (2 * n_max) + (n_max + v)], 1)
    flat.masked_fill_(~mask[:, 1:].repeat(1, 2), 2 * bsz * n_max * n_max)
    adj = seq.new_zeros(2 * bsz * n_max * n_max + 1, dtype=torch.float)
    adj.scatter_(0, flat.view(-1), 1.0)
    adj = adj[:-1].view(bsz, n_max, 2, n_max)
    adj.div_(adj.sum(3, keepdim=True).clamp_(min=1))  # row-normalise each half by its degree
    return items[:, :n_max], alias * mask, adj.view(bsz, n_max, 2 * n_max)
