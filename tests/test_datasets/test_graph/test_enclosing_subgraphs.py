"""Vectorised enclosing-subgraph extraction against a direct per-pair set-based search."""

import torch

from mmblog.datasets.graph import BipartiteCSR, extract_all, extract_enclosing_subgraphs


def _random_graph(seed=0, nu=30, ni=40, p=0.15):
    g = torch.Generator().manual_seed(seed)
    u, i = (torch.rand(nu, ni, generator=g) < p).nonzero(as_tuple=True)
    r = torch.randint(5, (len(u),), generator=g)
    return BipartiteCSR.from_ratings(u, i, r, nu, ni), u, i, r


def _per_pair(u, i, r, pair, hop):
    """The IGMC reference's search, written plainly with Python sets."""
    rating = {(a, b): c for a, b, c in zip(u.tolist(), i.tolist(), r.tolist())}
    items_of, users_of = {}, {}
    for a, b in rating:
        items_of.setdefault(a, set()).add(b)
        users_of.setdefault(b, set()).add(a)
    tu, tv = pair
    lab = {('u', tu): 0, ('v', tv): 1}
    uf, vf, useen, vseen = {tu}, {tv}, {tu}, {tv}
    for d in range(1, hop + 1):
        vf, uf = (
            set().union(*(items_of.get(x, set()) for x in uf)) - vseen,
            set().union(*(users_of.get(x, set()) for x in vf)) - useen,
        )
        useen |= uf
        vseen |= vf
        lab.update({('u', x): 2 * d for x in uf})
        lab.update({('v', x): 2 * d + 1 for x in vf})
    edges = {
        (a, b, c)
        for (a, b), c in rating.items()
        if a in useen and b in vseen and (a, b) != (tu, tv)
    }
    return lab, edges


def _as_sets(out, k):
    n0, n1 = out['node_ptr'][k], out['node_ptr'][k + 1]
    e0, e1 = out['edge_ptr'][k], out['edge_ptr'][k + 1]
    lab, ids = out['node_label'][n0:n1], out['node_id'][n0:n1]
    labels = {('u' if int(a) % 2 == 0 else 'v', int(b)): int(a) for a, b in zip(lab, ids)}
    e = out['edge_index'][:, e0:e1]
    edges = {
        (int(ids[s]), int(ids[t]), int(c)) for s, t, c in zip(e[0], e[1], out['edge_type'][e0:e1])
    }
    return labels, edges, lab


def test_matches_per_pair_search_one_and_two_hops():
    graph, u, i, r = _random_graph()
    # Observed pairs (target edge must be removed) and unobserved ones.
    pairs = torch.cat([torch.stack([u[:15], i[:15]], 1), torch.tensor([[0, 1], [5, 7], [29, 39]])])
    for hop in (1, 2):
        out = extract_enclosing_subgraphs(graph, pairs, hop=hop)
        for k, (a, b) in enumerate(pairs.tolist()):
            labels, edges, lab = _as_sets(out, k)
            ref_labels, ref_edges = _per_pair(u, i, r, (a, b), hop)
            assert labels == ref_labels
            assert edges == ref_edges
            assert lab[0] == 0 and (lab == 1).sum() == 1  # target user first, one target item


def test_max_nodes_per_hop_caps_each_side_and_keeps_targets():
    graph, u, i, _ = _random_graph(p=0.5)
    pairs = torch.stack([u[:20], i[:20]], 1)
    out = extract_enclosing_subgraphs(graph, pairs, hop=1, max_nodes_per_hop=3, seed=0)
    for k in range(len(pairs)):
        lab = out['node_label'][out['node_ptr'][k] : out['node_ptr'][k + 1]]
        assert (lab == 2).sum() <= 3 and (lab == 3).sum() <= 3
        assert (lab == 0).sum() == 1 and (lab == 1).sum() == 1


def test_chunked_and_parallel_equal_single_call():
    graph, u, i, _ = _random_graph(p=0.3)
    pairs = torch.stack([u, i], 1)
    a = extract_all(graph, pairs, 1, 4, seed=3, chunk_size=16, num_workers=0, progress=False)
    b = extract_all(graph, pairs, 1, 4, seed=3, chunk_size=16, num_workers=2, progress=False)
    for key in a:
        assert torch.equal(a[key], b[key]), key
    assert len(a['node_ptr']) == len(pairs) + 1


def test_csr_fallback_and_per_item_edges_equal_the_dense_blocks(monkeypatch):
    from mmblog.datasets.graph import enclosing_subgraphs as es

    graph, u, i, r = _random_graph(p=0.3)
    pairs = torch.cat([torch.stack([u[:12], i[:12]], 1), torch.tensor([[3, 4]])])
    dense = extract_enclosing_subgraphs(graph, pairs, hop=1, max_nodes_per_hop=5, seed=1)
    assert dense['node_id'].dtype == torch.int16 and dense['edge_type'].dtype == torch.int8
    for k in range(len(pairs)):  # one pair's edges rebuilt from its cached nodes
        n0, n1 = dense['node_ptr'][k], dense['node_ptr'][k + 1]
        e0, e1 = dense['edge_ptr'][k], dense['edge_ptr'][k + 1]
        ei, et = es.subgraph_edges(graph, dense['node_id'][n0:n1], dense['node_label'][n0:n1])
        assert torch.equal(torch.from_numpy(ei).to(torch.int16), dense['edge_index'][:, e0:e1])
        assert torch.equal(torch.from_numpy(et).to(torch.int8), dense['edge_type'][e0:e1])
    monkeypatch.setattr(es, 'DENSE_LIMIT', 0)
    csr = extract_enclosing_subgraphs(es.BipartiteCSR.from_ratings(u, i, r, 30, 40), pairs, 1, 5, 1)
    for k in range(len(pairs)):
        assert _as_sets(csr, k)[:2] == _as_sets(dense, k)[:2]
    n1 = int(dense['node_ptr'][1])
    ei, et = es.subgraph_edges(graph, dense['node_id'][:n1], dense['node_label'][:n1])
    e1 = int(dense['edge_ptr'][1])
    got = set(zip(ei[0].tolist(), ei[1].tolist(), et.tolist()))
    want = dense['edge_index'][:, :e1].tolist() + [dense['edge_type'][:e1].tolist()]
    assert got == set(zip(*want))


def test_cap_keeps_exactly_cap_of_large_pairs_and_all_of_small_ones():
    import numpy as np

    from mmblog.datasets.graph.enclosing_subgraphs import _cap_per_pair

    pair = np.repeat(np.arange(4), [2, 9, 3, 7])
    seen = np.zeros(len(pair))
    for seed in range(50):
        keep = _cap_per_pair(pair, 4, 3, np.random.default_rng(seed))
        assert np.array_equal(np.bincount(pair[keep], minlength=4), [2, 3, 3, 3])
        seen[keep] += 1
    assert (seen[pair == 1] > 0).all()  # every entry of an over-cap pair gets drawn sometimes
