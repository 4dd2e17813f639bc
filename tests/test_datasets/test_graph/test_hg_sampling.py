"""HGSampling: budget scores in closed form, the score^2 draw, time rules, the subgraph."""

import numpy as np
import torch
from torch_geometric.data import HeteroData

from mmblog.datasets.graph import HGSampler


def _graph(writes, cites=(), paper_time=(5, 3, 9, 4, 4, 4), num_authors=6):
    """Papers (timed) and authors (plain); ``writes`` = [(author, paper)], ``cites`` =
    [(cited paper, citing paper)] as (source, target)."""
    data = HeteroData()
    data['paper'].time = torch.tensor(paper_time)
    data['paper'].x = torch.arange(len(paper_time), dtype=torch.float).unsqueeze(1)
    data['author'].num_nodes = num_authors
    data['author'].x = torch.zeros(num_authors, 1)
    w = torch.tensor(writes).T
    data['author', 'writes', 'paper'].edge_index = w
    data['paper', 'rev_writes', 'author'].edge_index = w.flip(0)
    if cites:
        data['paper', 'cites', 'paper'].edge_index = torch.tensor(cites).T
    return data


def _seed_budget(sampler, seeds):
    st = dict(
        sampled={t: np.zeros(sampler.num_nodes[t], bool) for t in sampler.node_types},
        score={t: np.zeros(sampler.num_nodes[t]) for t in sampler.node_types},
        btime={t: np.zeros(sampler.num_nodes[t], np.int64) for t in sampler.node_types},
        ids={t: [] for t in sampler.node_types},
        times={t: [] for t in sampler.node_types},
        order=[],
    )
    for t, (ids, times) in seeds.items():
        sampler._take(t, np.array(ids), np.array(times), st)
    for t, (ids, times) in seeds.items():
        sampler.add_budget(t, np.array(ids), np.array(times), st)
    return st


def test_budget_is_sum_of_normalised_degrees_with_inherited_times_and_max_time():
    # paper 0 (time 5) by authors 0,1,2; paper 3 (time 4) by authors 2,3. Paper 0 cites
    # papers 1 (time 3) and 2 (time 9 > max_time 6).
    data = _graph([(0, 0), (1, 0), (2, 0), (2, 3), (3, 3)], cites=[(1, 0), (2, 0)])
    sampler = HGSampler(data, budget=10, max_time=6)
    st = _seed_budget(sampler, {'paper': ([0, 3], [5, 4])})
    np.testing.assert_allclose(st['score']['author'], [1 / 3, 1 / 3, 1 / 3 + 1 / 2, 1 / 2, 0, 0])
    # Plain authors inherit the time of the paper that reached them (author 2: one of 5/4).
    assert st['btime']['author'][0] == 5 and st['btime']['author'][3] == 4
    assert st['btime']['author'][2] in (4, 5)
    # Paper 1 keeps its own time; paper 2 is later than max_time: never a candidate, but it
    # still counts in the normaliser (2 neighbours looked at), as pyHGT.
    np.testing.assert_allclose(st['score']['paper'], [0, 1 / 2, 0, 0, 0, 0])
    assert st['btime']['paper'][1] == 3


def test_budget_caps_the_neighbours_looked_at_per_node():
    # Paper 0 has 6 authors; budget 2: exactly two of them get 1/2 each.
    data = _graph([(a, 0) for a in range(6)])
    for seed in range(5):
        st = _seed_budget(HGSampler(data, budget=2, seed=seed), {'paper': ([0], [5])})
        score = st['score']['author']
        assert (score > 0).sum() == 2
        np.testing.assert_allclose(score[score > 0], [0.5, 0.5])


def test_layer_draw_is_proportional_to_squared_score():
    # Authors' scores: a0 = 2 (two seed papers), a1 = a2 = 1. Budget 2 of 3 candidates:
    # with p ~ score^2 = [4, 1, 1], P(a0 drawn) = 1 - 2 * (1/6 * 1/5) = 14/15;
    # p ~ score would give 5/6.
    data = _graph([(0, 0), (0, 1), (1, 2), (2, 3)])
    sampler = HGSampler(data, budget={'author': 2, 'paper': 0}, depth=1, seed=0)
    hits, trials = 0, 1500
    for _ in range(trials):
        ids = sampler.sample_nodes({'paper': ([0, 1, 2, 3], [5, 3, 9, 4])})['ids']['author']
        assert ids.size == 2
        hits += 0 in ids
    assert abs(hits / trials - 14 / 15) < 0.03


def test_sampled_nodes_are_removed_from_budget_and_not_resampled():
    data = _graph([(0, 0), (0, 1), (1, 1)], cites=[(1, 0), (0, 1)])
    res = HGSampler(data, budget=10, depth=3).sample_nodes({'paper': ([0], [5])})
    for t, ids in res['ids'].items():
        assert len(set(ids.tolist())) == ids.size, t
    assert res['ids']['paper'][0] == 0  # seeds first
    assert sorted(res['ids']['author'].tolist()) == [0, 1]
    assert res['state']['score']['author'].sum() == 0


def test_subgraph_is_induced_with_times_and_target_link_masking():
    data = _graph([(0, 0), (1, 0), (1, 1), (4, 5)], cites=[(1, 0)])
    sampler = HGSampler(data, budget=10, depth=2, mask_edge_types=[('paper', 'cites', 'paper')])
    sub = sampler({'paper': ([0], [5])})
    n_paper = sub['paper'].n_id.tolist()
    n_author = sub['author'].n_id.tolist()
    assert n_paper[0] == 0 and set(n_paper) == {0, 1} and set(n_author) == {0, 1}
    assert 5 not in n_paper and 4 not in n_author  # unreachable
    # Every author->paper edge among the sampled nodes, in local ids.
    ei = sub['author', 'writes', 'paper'].edge_index
    got = {(n_author[s], n_paper[d]) for s, d in ei.T.tolist()}
    assert got == {(0, 0), (1, 0), (1, 1)}
    # The citation touches the seed: masked out.
    assert sub['paper', 'cites', 'paper'].edge_index.size(1) == 0
    assert sub['paper'].seed_mask.tolist() == [True, False]
    # Features follow n_id; paper 1 keeps its own time, authors inherit paper 0's.
    assert sub['paper'].x[:, 0].tolist() == [float(i) for i in n_paper]
    assert sub['paper'].time.tolist() == [5, 3]
    assert sub['author'].time.tolist() == [5, 5]
