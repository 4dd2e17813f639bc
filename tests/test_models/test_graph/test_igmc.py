import pytest
import torch
from torch_geometric.data import Batch, Data
from torch_geometric.nn import RGCNConv

from mmblog.models.graph import IGMC, arr_penalty
from mmblog.models.graph.igmc import SparseRGCNConv, relation_adjacency


def _dense_rgcn(conv, x, edge_index, edge_type, mean=True):
    """out_i = x_i W_root + b + sum_r mean_{j in N_r(i)} x_j W_r, W_r = sum_b a_rb B_b (or the
    plain sum over all neighbours j of x_j W_{r_ij}, PyG 1.4.2's RGCNConv, with mean=False)."""
    w = torch.einsum('rb,bio->rio', conv.comp, conv.weight)
    out = x @ conv.root + conv.bias
    n = x.size(0)
    for rel in range(conv.num_relations):
        m = edge_type == rel
        a = torch.zeros(n, n)
        a.index_put_(
            (edge_index[1, m], edge_index[0, m]), torch.ones(int(m.sum())), accumulate=True
        )
        deg = a.sum(1, keepdim=True).clamp_min(1) if mean else 1
        out = out + (a / deg) @ x @ w[rel]
    return out


def test_rgcn_layer_is_per_relation_mean_with_bases():
    # Pins PyG's RGCNConv to the paper's layer (pyg-lib's segment path would skip the mean).
    torch.manual_seed(0)
    model = IGMC(in_channels=4, hidden_channels=[6], num_relations=5, num_bases=4)
    conv = model.convs[0]
    x = torch.randn(7, 4)
    ei = torch.randint(7, (2, 30))
    et = torch.randint(5, (30,))
    torch.testing.assert_close(conv(x, ei, et), _dense_rgcn(conv, x, ei, et), atol=1e-5, rtol=1e-5)


def test_add_aggregation_is_the_unnormalised_sum_the_reference_ran():
    torch.manual_seed(0)
    model = IGMC(in_channels=4, hidden_channels=[6], num_bases=4, aggr='add', sparse_rgcn=False)
    conv = model.convs[0]
    x = torch.randn(7, 4)
    ei = torch.randint(7, (2, 30))
    et = torch.randint(5, (30,))
    expected = _dense_rgcn(conv, x, ei, et, mean=False)
    torch.testing.assert_close(conv(x, ei, et), expected, atol=1e-5, rtol=1e-5)
    # and differs from the mean wherever a node has two or more neighbours of one relation
    assert not torch.allclose(expected, _dense_rgcn(conv, x, ei, et), atol=1e-3)
    with pytest.raises(ValueError, match="aggr must be 'mean' or 'add'"):
        IGMC(aggr='max')


def test_reference_init_draws_every_rgcn_parameter_uniformly_as_pyg_1_4():
    torch.manual_seed(0)
    model = IGMC(hidden_channels=[32, 32], num_bases=4, reference_init=True)
    for conv, fan in zip(model.convs, (4 * 4, 4 * 32)):
        bound = fan**-0.5
        for name, p in conv.named_parameters():
            assert float(p.detach().abs().max()) <= bound, name
            assert float(p.detach().abs().max()) > 0.8 * bound, name  # spread over the interval
    assert (
        float(model.convs[0].bias.detach().abs().min()) > 0
    )  # current PyG starts the bias at zero
    assert float(IGMC().convs[0].bias.detach().abs().max()) == 0


@pytest.mark.parametrize('num_bases', [None, 2])
@pytest.mark.parametrize('by_source', [False, True])
@pytest.mark.parametrize('aggr', ['mean', 'add'])
def test_sparse_rgcn_equals_pyg_rgcn_conv_values_and_gradients(num_bases, by_source, aggr):
    # Same parameters, same output and gradients as PyG's layer, on edges listed by source (the
    # no-sort path of the transpose) or shuffled, with repeated edges and empty relations.
    torch.manual_seed(0)
    ref = RGCNConv(3, 4, 5, num_bases=num_bases, aggr=aggr)
    conv = SparseRGCNConv(3, 4, 5, num_bases=num_bases, aggr=aggr)
    conv.load_state_dict(ref.state_dict())
    ei = torch.randint(9, (2, 40))
    ei = torch.cat([ei, ei[:, :5]], 1)  # repeats count twice in the mean, as in PyG
    et = torch.randint(4, (45,))  # relation 4 has no edges
    if by_source:
        order = ei[0].argsort()
        ei, et = ei[:, order], et[order]
    x = torch.randn(9, 3)
    outs, grads = [], []
    for layer in (ref, conv):
        xr = x.clone().requires_grad_()
        out = layer(xr, ei, et)
        out.pow(2).sum().backward()
        outs.append(out)
        grads.append([xr.grad] + [p.grad for p in layer.parameters()])
        assert [n for n, _ in layer.named_parameters()] == [n for n, _ in ref.named_parameters()]
    torch.testing.assert_close(outs[1], outs[0], atol=1e-5, rtol=1e-5)
    for g_new, g_ref in zip(grads[1], grads[0]):
        torch.testing.assert_close(g_new, g_ref, atol=1e-5, rtol=1e-5)
    # One adjacency serves every layer: the same output as building it inside the call.
    adj = relation_adjacency(ei, et, 9, 5, aggr=aggr)
    torch.testing.assert_close(conv(x, adj), outs[1].detach())
    dense = adj.csr.to_dense()
    torch.testing.assert_close(adj.csr_t.to_dense(), dense.t())
    assert dense.shape == (45, 9)
    row_sums = dense.sum(1)[dense.sum(1) > 0]
    if aggr == 'mean':
        assert torch.allclose(row_sums, torch.ones(1))
    else:  # edge counts per (target, relation)
        counts = torch.bincount(ei[1] * 5 + et, minlength=45).float()
        torch.testing.assert_close(dense.sum(1), counts)


@pytest.mark.parametrize('aggr', ['mean', 'add'])
def test_sparse_and_pyg_igmc_share_checkpoints_and_outputs(aggr):
    torch.manual_seed(0)
    fast = IGMC(sparse_rgcn=True, aggr=aggr).eval()
    ref = IGMC(sparse_rgcn=False, aggr=aggr).eval()
    ref.load_state_dict(fast.state_dict())
    batch = _batch()
    torch.testing.assert_close(fast(batch), ref(batch), atol=1e-5, rtol=1e-5)
    torch.testing.assert_close(fast.arr(), ref.arr())


def test_relation_adjacency_rejects_unknown_relations_and_aggregations():
    with pytest.raises(ValueError, match=r'edge_type must lie in \[0, 3\)'):
        relation_adjacency(torch.tensor([[0], [1]]), torch.tensor([3]), 2, 3)
    with pytest.raises(ValueError, match="aggr must be 'mean' or 'add', got 'max'"):
        relation_adjacency(torch.tensor([[0], [1]]), torch.tensor([0]), 2, 3, aggr='max')


def test_arr_is_sum_of_adjacent_weight_differences():
    torch.manual_seed(0)
    model = IGMC(hidden_channels=[3, 2], num_bases=2)
    expected = 0.0
    for conv in model.convs:
        w = torch.einsum('rb,bio->rio', conv.comp, conv.weight)
        expected += sum(((w[r + 1] - w[r]) ** 2).sum() for r in range(4))
    torch.testing.assert_close(model.arr(), expected)
    assert float(arr_penalty(model.convs[0])) > 0
    losses = model.loss(_batch(), None)
    torch.testing.assert_close(losses['loss_arr'], 1e-3 * expected)


def _batch():
    graphs = []
    for k in range(3):
        x = torch.zeros(4, 4)
        x[0, 0] = x[1, 1] = x[2, 2] = x[3, 3] = 1
        ei = torch.tensor([[0, 2, 2], [3, 1, 3]])
        graphs.append(
            Data(
                x=x,
                edge_index=torch.cat([ei, ei.flip(0)], 1),
                edge_type=torch.tensor([k, 1, 2] * 2),
                y=torch.tensor([float(k + 1)]),
            )
        )
    return Batch.from_data_list(graphs)


def test_one_rating_per_subgraph_and_predict_fills_samples():
    from mmblog.structures import GraphDataSample

    model = IGMC().eval()
    batch = _batch()
    assert model(batch).shape == (3,)
    samples = model(batch, [GraphDataSample() for _ in range(3)], mode='predict')
    assert all(s.pred_rating.shape == () for s in samples)
    with pytest.raises(ValueError, match='mode'):
        model(batch, mode='nope')


def _bias_rmse(train, test, reg=10.0):
    """Global mean + user + item biases (alternating ridge steps), the trivial baseline."""
    mu = train[:, 2].mean()
    u, i, r = train[:, 0].long(), train[:, 1].long(), train[:, 2] - mu
    n = int(max(train[:, :2].max(), test[:, :2].max())) + 1
    bu, bi = torch.zeros(n, dtype=r.dtype), torch.zeros(n, dtype=r.dtype)
    ones = torch.ones_like(r)
    for _ in range(20):
        bu = torch.zeros(n, dtype=r.dtype).index_add_(0, u, r - bi[i])
        bu /= torch.zeros(n, dtype=r.dtype).index_add_(0, u, ones) + reg
        bi = torch.zeros(n, dtype=r.dtype).index_add_(0, i, r - bu[u])
        bi /= torch.zeros(n, dtype=r.dtype).index_add_(0, i, ones) + reg
    pred = mu + bu[test[:, 0].long()] + bi[test[:, 1].long()]
    return float((test[:, 2] - mu).pow(2).mean().sqrt()), float(
        (test[:, 2] - pred).pow(2).mean().sqrt()
    )


@pytest.mark.slow
def test_learns_planted_groups_better_than_bias_baseline(tmp_path):
    from mmblog.datasets.graph import MovieLensDataset, graph_collate, read_ratings
    from mmblog.testing.demo_data import make_movielens_demo

    torch.manual_seed(0)
    make_movielens_demo(str(tmp_path), num_users=80, num_items=100, density=0.15)
    root = str(tmp_path / 'ml-100k')
    train, test = MovieLensDataset(root, 'train'), MovieLensDataset(root, 'test')
    model = IGMC()
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    for _ in range(6):
        model.train()
        for idx in torch.randperm(len(train)).split(50):
            batch = graph_collate([train[k] for k in idx.tolist()])['inputs']
            loss = sum(model.loss(batch, None).values())
            opt.zero_grad()
            loss.backward()
            opt.step()
    model.eval()
    with torch.no_grad():
        batch = graph_collate([test[k] for k in range(len(test))])['inputs']
        rmse = float((model(batch) - batch.y).pow(2).mean().sqrt())
    mean_rmse, bias_rmse = _bias_rmse(
        read_ratings(root + '/u1.base'), read_ratings(root + '/u1.test')
    )
    assert rmse < bias_rmse - 0.1, (rmse, bias_rmse, mean_rmse)
