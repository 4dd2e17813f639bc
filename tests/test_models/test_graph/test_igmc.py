import pytest
import torch
from torch_geometric.data import Batch, Data

from mmblog.models.graph import IGMC, arr_penalty


def _dense_rgcn(conv, x, edge_index, edge_type):
    """out_i = x_i W_root + b + sum_r mean_{j in N_r(i)} x_j W_r, W_r = sum_b a_rb B_b."""
    w = torch.einsum('rb,bio->rio', conv.comp, conv.weight)
    out = x @ conv.root + conv.bias
    n = x.size(0)
    for rel in range(conv.num_relations):
        m = edge_type == rel
        a = torch.zeros(n, n)
        a.index_put_(
            (edge_index[1, m], edge_index[0, m]), torch.ones(int(m.sum())), accumulate=True
        )
        deg = a.sum(1, keepdim=True).clamp_min(1)
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
