"""HGSampling (HGT, Hu et al. 2020, Algorithm 1; pyHGT's ``sample_subgraph``), vectorised.

pyHGT walks Python dicts node by node. Here every step works on whole frontier sets with numpy:
a CSR adjacency per edge type (rows = target nodes), per-row uniform sampling of at most
``budget`` neighbours by random keys, budget scores accumulated with ``np.add.at``, and the
layer-wise draw ``p ~ score^2`` over all candidates of a type at once.

The algorithm, as pyHGT runs it:
1. The seed nodes enter the sample; every seed adds its neighbours to the per-type *budget*:
   for each relation it looks at (up to ``n`` uniformly drawn) neighbours, and each one not yet
   sampled and not later than ``max_time`` gets ``+= 1 / (number looked at)`` -- the normalised
   degree -- and a timestamp (its own; a node without a time inherits the target's: inductive
   timestamp assignment).
2. For ``depth`` layers, for each node type in the budget: draw ``n`` candidates without
   replacement with probability ``score^2 / sum(score^2)`` (all of them when there are at most
   ``n``), add them to the sample with their budget timestamp, remove them from the budget,
   and let them add their own neighbours to the budget as in 1.
3. The subgraph is every edge of the graph between sampled nodes, plus a self edge per node;
   edges of ``mask_edge_types`` that touch a seed are dropped (target-link masking, so a label
   that is also an edge -- paper -> venue -- cannot leak).
"""

from collections.abc import Mapping, Sequence

import numpy as np
import torch
from torch_geometric.data import HeteroData


def _csr_by_target(edge_index: np.ndarray, num_targets: int) -> tuple[np.ndarray, np.ndarray]:
    order = np.argsort(edge_index[1], kind='stable')
    indptr = np.zeros(num_targets + 1, dtype=np.int64)
    np.cumsum(np.bincount(edge_index[1], minlength=num_targets), out=indptr[1:])
    return indptr, edge_index[0, order]


def gather_rows(
    indptr: np.ndarray, indices: np.ndarray, rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """All ``(position in rows, neighbour)`` pairs of the CSR rows ``rows``, vectorised."""
    starts, ends = indptr[rows], indptr[rows + 1]
    deg = ends - starts
    owner = np.repeat(np.arange(rows.size), deg)
    offset = np.arange(deg.sum()) - np.repeat(np.cumsum(deg) - deg, deg)
    return owner, indices[starts[owner] + offset]


def sample_per_row(
    owner: np.ndarray, num_rows: int, n: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Keep at most ``n`` entries per row, uniformly without replacement (random keys, rank
    within the row). Returns the kept entry positions and each row's number kept."""
    deg = np.bincount(owner, minlength=num_rows)
    big = deg > n
    if not big.any():
        return np.arange(owner.size), deg
    # Only the rows over budget need a draw: sort their entries by (row + random fraction),
    # one float key (cheaper than lexsort), and keep the first n of each row.
    in_big = big[owner]
    bidx = np.flatnonzero(in_big)
    order = bidx[np.argsort(owner[bidx] + rng.random(bidx.size), kind='stable')]
    counts = deg[big]
    rank = np.arange(order.size) - np.repeat(np.cumsum(counts) - counts, counts)
    keep = np.sort(np.concatenate([np.flatnonzero(~in_big), order[rank < n]]))
    return keep, np.minimum(deg, n)


class HGSampler:
    """Samples HGT subgraphs from one ``HeteroData``.

    Args:
        data: The whole graph; ``data[t].time`` (int) on node types that have timestamps,
            absent on plain types.
        budget: Nodes drawn per type per layer (``n``; an int or a per-type mapping) and the
            neighbours looked at per relation per node.
        depth: Sampling layers.
        max_time: Neighbours with a later time never enter the budget (no future leakage).
        mask_edge_types: Edge types whose edges touching a seed are removed from the sample.
        seed: Seed of the sampler's generator.
    """

    def __init__(
        self,
        data: HeteroData,
        budget: int | Mapping[str, int] = 128,
        depth: int = 2,
        max_time: int | None = None,
        mask_edge_types: Sequence[tuple] = (),
        seed: int = 0,
    ):
        self.data = data
        self.node_types = list(data.node_types)
        self.edge_types = list(data.edge_types)
        self.budget = {
            t: budget.get(t, 0) if isinstance(budget, Mapping) else budget for t in self.node_types
        }
        self.depth = depth
        self.max_time = max_time
        self.mask_edge_types = [tuple(et) for et in mask_edge_types]
        self.rng = np.random.default_rng(seed)
        self.num_nodes = {t: data[t].num_nodes for t in self.node_types}
        self.time = {
            t: (data[t].time.numpy().astype(np.int64) if data[t].get('time') is not None else None)
            for t in self.node_types
        }
        self.csr = {
            et: _csr_by_target(data[et].edge_index.numpy(), self.num_nodes[et[2]])
            for et in self.edge_types
        }

    # -- the two steps of the algorithm ------------------------------------------------------
    def add_budget(self, ttype: str, ids: np.ndarray, times: np.ndarray, state: dict) -> None:
        """Neighbours of the new sampled nodes ``ids`` (type ``ttype``, times ``times``) enter
        the budget: ``score += 1 / (number of neighbours looked at)`` per relation."""
        for et in self.edge_types:
            if et[2] != ttype:
                continue
            stype = et[0]
            n = self.budget[stype]
            if not n:
                continue
            indptr, indices = self.csr[et]
            owner, nbr = gather_rows(indptr, indices, ids)
            keep, looked = sample_per_row(owner, ids.size, n, self.rng)
            owner, nbr = owner[keep], nbr[keep]
            src_time = self.time[stype][nbr] if self.time[stype] is not None else times[owner]
            ok = ~state['sampled'][stype][nbr]
            if self.max_time is not None:
                ok &= src_time <= self.max_time
            owner, nbr, src_time = owner[ok], nbr[ok], src_time[ok]
            np.add.at(state['score'][stype], nbr, 1.0 / looked[owner])
            state['btime'][stype][nbr] = src_time  # one of the targets' times (pyHGT: the last)
            if stype not in state['order']:
                state['order'].append(stype)

    def _take(self, ntype: str, ids: np.ndarray, times: np.ndarray, state: dict) -> None:
        state['sampled'][ntype][ids] = True
        state['ids'][ntype].append(ids)
        state['times'][ntype].append(times)

    def sample_nodes(self, seeds: Mapping[str, tuple]) -> dict:
        """Run steps 1-2 from ``seeds`` = {type: (ids, times)}; returns per-type arrays of
        sampled ids (seeds first) and their timestamps, plus the final budget state."""
        state = dict(
            sampled={t: np.zeros(self.num_nodes[t], dtype=bool) for t in self.node_types},
            score={t: np.zeros(self.num_nodes[t]) for t in self.node_types},
            btime={t: np.zeros(self.num_nodes[t], dtype=np.int64) for t in self.node_types},
            ids={t: [] for t in self.node_types},
            times={t: [] for t in self.node_types},
            order=[],
        )
        seeds = {
            t: (np.asarray(i, dtype=np.int64), np.asarray(tm, dtype=np.int64))
            for t, (i, tm) in seeds.items()
        }
        for t, (ids, times) in seeds.items():
            self._take(t, ids, times, state)
        for t, (ids, times) in seeds.items():
            self.add_budget(t, ids, times, state)
        for _ in range(self.depth):
            for stype in list(state['order']):
                score = state['score'][stype]
                cand = np.flatnonzero(score)
                if not cand.size:
                    continue
                n = self.budget[stype]
                if cand.size > n:
                    p = score[cand] ** 2
                    cand = self.rng.choice(cand, n, replace=False, p=p / p.sum())
                times = state['btime'][stype][cand]
                self._take(stype, cand, times, state)
                score[cand] = 0.0  # popped from the budget
                self.add_budget(stype, cand, times, state)
        ids = {
            t: np.concatenate(v) if v else np.zeros(0, np.int64) for t, v in state['ids'].items()
        }
        times = {
            t: np.concatenate(v) if v else np.zeros(0, np.int64) for t, v in state['times'].items()
        }
        return dict(ids=ids, times=times, state=state)

    # -- the subgraph ------------------------------------------------------------------------
    def subgraph(
        self,
        ids: Mapping[str, np.ndarray],
        times: Mapping[str, np.ndarray],
        seeds: Mapping[str, np.ndarray],
    ) -> HeteroData:
        """Every edge between sampled nodes (seed edges of ``mask_edge_types`` removed), node
        features gathered, ``time`` = the sampling timestamps, ``n_id`` = original ids and
        ``seed_mask`` on every type. Self edges are added by the model (``HGT``)."""
        out = HeteroData()
        local = {}
        for t in self.node_types:
            idx = ids[t]
            lookup = np.full(self.num_nodes[t], -1, dtype=np.int64)
            lookup[idx] = np.arange(idx.size)
            local[t] = lookup
            store = self.data[t]
            out[t].n_id = torch.from_numpy(idx)
            out[t].num_nodes = idx.size
            out[t].time = torch.from_numpy(times[t])
            for key in ('x', 'y'):
                if store.get(key) is not None:
                    out[t][key] = store[key][torch.from_numpy(idx)]
            seed_mask = np.zeros(idx.size, dtype=bool)
            if t in seeds:
                seed_mask[local[t][np.asarray(seeds[t])]] = True
            out[t].seed_mask = torch.from_numpy(seed_mask)
        for et in self.edge_types:
            s, _, d = et
            indptr, indices = self.csr[et]
            owner, nbr = gather_rows(indptr, indices, ids[d])
            src = local[s][nbr]
            ok = src >= 0
            if et in self.mask_edge_types:
                # Either end may be the seed (paper -> venue and venue -> paper).
                seed_src = out[s].seed_mask.numpy()[np.where(ok, src, 0)] & ok
                ok &= ~(out[d].seed_mask.numpy()[owner] | seed_src)
            out[et].edge_index = torch.from_numpy(np.stack([src[ok], owner[ok]]))
        return out

    def __call__(self, seeds: Mapping[str, tuple]) -> HeteroData:
        """``seeds`` = {type: (ids, times)} -> the sampled ``HeteroData``."""
        res = self.sample_nodes(seeds)
        return self.subgraph(res['ids'], res['times'], {t: v[0] for t, v in seeds.items()})
