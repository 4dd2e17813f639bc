"""IGMC's enclosing subgraphs of (user, item) pairs, extracted for many pairs at once.

For a pair (u, v) the h-hop enclosing subgraph holds u, v, the users and items reached by
alternating hops from them (at most ``max_nodes_per_hop`` sampled per hop and side), and every
rating among those users and items except the target rating (u, v). Node labels: 2d for a user at
hop d, 2d + 1 for an item at hop d (0/1 for the targets).

The extraction is vectorised over a chunk of pairs: each hop is one CSR row gather for all
frontier nodes of all pairs, set differences and per-pair membership are done on
``pair * num_nodes + id`` keys (``torch.isin``/``searchsorted``), and per-pair sampling is a random
rank within each pair's segment. No Python loop runs over pairs or nodes.
"""

import math
import multiprocessing as mp
from dataclasses import dataclass

import torch
from mmengine.utils import ProgressBar


@dataclass
class BipartiteCSR:
    """A rating matrix in both directions: users -> items (with rating classes), items -> users."""

    num_users: int
    num_items: int
    u_ptr: torch.Tensor
    u_col: torch.Tensor
    u_val: torch.Tensor
    i_ptr: torch.Tensor
    i_col: torch.Tensor

    @classmethod
    def from_ratings(
        cls,
        users: torch.Tensor,
        items: torch.Tensor,
        rating_cls: torch.Tensor,
        num_users: int,
        num_items: int,
    ) -> 'BipartiteCSR':
        """Build from 0-based ``users``/``items`` and the rating class (edge type) of each."""
        order = torch.argsort(users * num_items + items)
        u_ptr = torch.zeros(num_users + 1, dtype=torch.long)
        u_ptr[1:] = torch.bincount(users, minlength=num_users).cumsum(0)
        order_i = torch.argsort(items * num_users + users)
        i_ptr = torch.zeros(num_items + 1, dtype=torch.long)
        i_ptr[1:] = torch.bincount(items, minlength=num_items).cumsum(0)
        return cls(
            num_users,
            num_items,
            u_ptr,
            items[order].long(),
            rating_cls[order].long(),
            i_ptr,
            users[order_i].long(),
        )


def _gather(ptr: torch.Tensor, nodes: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """For CSR rows ``nodes``: (index into ``nodes``, position in ``col``) of every entry."""
    start = ptr[nodes]
    count = ptr[nodes + 1] - start
    seg = torch.repeat_interleave(torch.arange(len(nodes)), count)
    first = torch.repeat_interleave(count.cumsum(0) - count, count)
    pos = start[seg] + torch.arange(len(seg)) - first
    return seg, pos


def _cap_per_pair(
    pair: torch.Tensor, num_pairs: int, cap: int | None, gen: torch.Generator | None
) -> torch.Tensor:
    """Indices of a uniform random subset of at most ``cap`` entries of each pair."""
    if cap is None or len(pair) == 0:
        return torch.arange(len(pair))
    order = torch.argsort(torch.rand(len(pair), generator=gen))
    order = order[torch.argsort(pair[order], stable=True)]
    p = pair[order]
    count = torch.bincount(p, minlength=num_pairs)
    rank = torch.arange(len(p)) - (count.cumsum(0) - count)[p]
    return order[rank < cap]


def _rank_in_pair(pair: torch.Tensor, num_pairs: int) -> tuple[torch.Tensor, torch.Tensor]:
    """For entries sorted by pair: their rank within the pair, and the count per pair."""
    count = torch.bincount(pair, minlength=num_pairs)
    return torch.arange(len(pair)) - (count.cumsum(0) - count)[pair], count


def extract_enclosing_subgraphs(
    graph: BipartiteCSR,
    pairs: torch.Tensor,
    hop: int = 1,
    max_nodes_per_hop: int | None = None,
    seed: int | None = None,
) -> dict:
    """Enclosing subgraphs of ``pairs`` ((B, 2) user, item), vectorised over the pairs.

    Returns a dict of flat tensors, pair b owning ``node_ptr[b]:node_ptr[b+1]`` and
    ``edge_ptr[b]:edge_ptr[b+1]``:
        node_label: (N,) 2d for users / 2d+1 for items at hop d; each pair lists its users first
            (target user first), then its items (target item first).
        node_id: (N,) the user or item id of each node.
        edge_index: (2, E) local (user node, item node) of each rating, one direction only.
        edge_type: (E,) rating class.
    """
    gen = None if seed is None else torch.Generator().manual_seed(seed)
    pairs = pairs.long()
    num_pairs = len(pairs)
    nu, ni = graph.num_users, graph.num_items
    ar = torch.arange(num_pairs)
    u_pair, u_id, u_dist = [ar], [pairs[:, 0]], [torch.zeros(num_pairs, dtype=torch.long)]
    v_pair, v_id, v_dist = [ar], [pairs[:, 1]], [torch.zeros(num_pairs, dtype=torch.long)]
    u_seen = ar * nu + pairs[:, 0]
    v_seen = ar * ni + pairs[:, 1]
    fu_pair, fu_id, fv_pair, fv_id = ar, pairs[:, 0], ar, pairs[:, 1]
    for d in range(1, hop + 1):
        # Items next to the user fringe and users next to the item fringe, minus those seen.
        seg, pos = _gather(graph.u_ptr, fu_id)
        v_keys = torch.unique(fu_pair[seg] * ni + graph.u_col[pos])
        v_keys = v_keys[~torch.isin(v_keys, v_seen)]
        seg, pos = _gather(graph.i_ptr, fv_id)
        u_keys = torch.unique(fv_pair[seg] * nu + graph.i_col[pos])
        u_keys = u_keys[~torch.isin(u_keys, u_seen)]
        # The reference marks the whole fringe visited before sampling it down.
        u_seen = torch.cat([u_seen, u_keys])
        v_seen = torch.cat([v_seen, v_keys])
        u_keys = u_keys[_cap_per_pair(u_keys // nu, num_pairs, max_nodes_per_hop, gen)]
        v_keys = v_keys[_cap_per_pair(v_keys // ni, num_pairs, max_nodes_per_hop, gen)]
        fu_pair, fu_id = u_keys // nu, u_keys % nu
        fv_pair, fv_id = v_keys // ni, v_keys % ni
        u_pair.append(fu_pair), u_id.append(fu_id), u_dist.append(torch.full_like(fu_id, d))
        v_pair.append(fv_pair), v_id.append(fv_id), v_dist.append(torch.full_like(fv_id, d))

    # Group by pair, targets first (stable sort keeps hop order).
    def grouped(p, i, dist):
        p, i, dist = torch.cat(p), torch.cat(i), torch.cat(dist)
        o = torch.argsort(p, stable=True)
        return p[o], i[o], dist[o]

    up, uid, ud = grouped(u_pair, u_id, u_dist)
    vp, vid, vd = grouped(v_pair, v_id, v_dist)
    u_rank, u_cnt = _rank_in_pair(up, num_pairs)
    v_rank, v_cnt = _rank_in_pair(vp, num_pairs)
    node_ptr = torch.zeros(num_pairs + 1, dtype=torch.long)
    node_ptr[1:] = (u_cnt + v_cnt).cumsum(0)
    node_label = torch.empty(int(node_ptr[-1]), dtype=torch.long)
    node_id = torch.empty_like(node_label)
    u_pos = node_ptr[up] + u_rank
    v_pos = node_ptr[vp] + u_cnt[vp] + v_rank
    node_label[u_pos], node_label[v_pos] = 2 * ud, 2 * vd + 1
    node_id[u_pos], node_id[v_pos] = uid, vid

    # Every rating of every subgraph user whose item is in the same pair's subgraph.
    seg, pos = _gather(graph.u_ptr, uid)
    e_pair = up[seg]
    # Per-pair membership through a (pairs x items) table of local item ranks + 1: one gather
    # per rating instead of a sort or search (the table is pairs * items ints, a few MB).
    table = torch.zeros(num_pairs * ni, dtype=torch.int32)
    table[vp * ni + vid] = (v_rank + 1).int()
    local = table[e_pair * ni + graph.u_col[pos]].long()
    hit = local > 0
    src = u_rank[seg]
    dst = u_cnt[e_pair] + local - 1
    hit &= ~((src == 0) & (dst == u_cnt[e_pair]))  # the target rating is what we predict
    e_pair = e_pair[hit]
    edge_ptr = torch.zeros(num_pairs + 1, dtype=torch.long)
    edge_ptr[1:] = torch.bincount(e_pair, minlength=num_pairs).cumsum(0)
    return dict(
        node_label=node_label,
        node_id=node_id,
        node_ptr=node_ptr,
        edge_index=torch.stack([src[hit], dst[hit]]),
        edge_type=graph.u_val[pos][hit],
        edge_ptr=edge_ptr,
    )


def concat_subgraphs(parts: list[dict]) -> dict:
    """Join the outputs of several :func:`extract_enclosing_subgraphs` calls."""
    out = {k: torch.cat([p[k] for p in parts], dim=-1) for k in ('node_label', 'node_id')}
    out['edge_index'] = torch.cat([p['edge_index'] for p in parts], dim=1)
    out['edge_type'] = torch.cat([p['edge_type'] for p in parts])
    for key in ('node_ptr', 'edge_ptr'):
        ptrs, offset = [torch.zeros(1, dtype=torch.long)], 0
        for p in parts:
            ptrs.append(p[key][1:] + offset)
            offset += int(p[key][-1])
        out[key] = torch.cat(ptrs)
    return out


_WORKER_GRAPH: BipartiteCSR | None = None


def _init_worker(graph: BipartiteCSR) -> None:
    global _WORKER_GRAPH
    _WORKER_GRAPH = graph
    torch.set_num_threads(1)


def _work(args) -> dict:
    pairs, hop, cap, seed = args
    return extract_enclosing_subgraphs(_WORKER_GRAPH, pairs, hop, cap, seed)


def extract_all(
    graph: BipartiteCSR,
    pairs: torch.Tensor,
    hop: int = 1,
    max_nodes_per_hop: int | None = None,
    seed: int = 0,
    chunk_size: int = 512,
    num_workers: int = 0,
    progress: bool = True,
) -> dict:
    """:func:`extract_enclosing_subgraphs` over chunks of ``pairs``, in ``num_workers`` processes
    (0: this process), with a progress bar. Chunk k samples with seed ``seed + k``, so the result
    does not depend on the number of workers."""
    n_chunks = max(1, math.ceil(len(pairs) / chunk_size))
    jobs = [
        (pairs[k * chunk_size : (k + 1) * chunk_size], hop, max_nodes_per_hop, seed + k)
        for k in range(n_chunks)
    ]
    bar = ProgressBar(n_chunks) if progress else None
    parts = []
    if num_workers > 0:
        ctx = mp.get_context('fork')
        with ctx.Pool(num_workers, initializer=_init_worker, initargs=(graph,)) as pool:
            for part in pool.imap(_work, jobs):
                parts.append(part)
                if bar:
                    bar.update()
    else:
        for p, h, c, s in jobs:
            parts.append(extract_enclosing_subgraphs(graph, p, h, c, s))
            if bar:
                bar.update()
    return concat_subgraphs(parts)
