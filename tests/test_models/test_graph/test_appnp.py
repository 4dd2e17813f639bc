"""APPNP/PPNP against direct computations, APPNP with large K = PPNP, PyG's APPNP agrees, and
the propagation switches."""

import numpy as np
import torch
from torch_geometric.data import Data
from torch_geometric.nn import APPNP as PyGAPPNP

from mmblog.models.graph import APPNP, PPNP, ppr_matrix


def graph(n=20, f=6, seed=0):
    rng = np.random.default_rng(seed)
    a = np.triu(rng.random((n, n)) < 0.2, 1)
    r, c = np.nonzero(a)
    e = torch.tensor(np.stack([r, c]))
    ei = torch.cat([e, e.flip(0)], 1)
    return Data(x=torch.randn(n, f, generator=torch.Generator().manual_seed(seed)), edge_index=ei)


def a_hat(g):
    n = g.num_nodes
    a = np.zeros((n, n))
    a[g.edge_index[0], g.edge_index[1]] = 1
    a += np.eye(n)
    d = a.sum(1)
    return a / np.sqrt(d)[:, None] / np.sqrt(d)[None]


def test_appnp_matches_direct_power_iteration():
    g = graph()
    torch.manual_seed(0)
    m = APPNP(6, 3, hidden_channels=[8], alpha=0.1, K=10).eval()
    h = m.mlp(g.x).double().detach().numpy()
    z, ah = h, a_hat(g)
    for _ in range(10):
        z = 0.9 * ah @ z + 0.1 * h
    assert np.allclose(m(g).detach().numpy(), z, atol=1e-5)


def test_ppnp_matches_inverse_and_large_k_appnp():
    g = graph(seed=1)
    pi = ppr_matrix(g.edge_index, g.num_nodes, 0.1).numpy()
    ref = 0.1 * np.linalg.inv(np.eye(g.num_nodes) - 0.9 * a_hat(g))
    assert np.allclose(pi, ref, atol=1e-10)
    torch.manual_seed(0)
    ppnp = PPNP(6, 3, hidden_channels=[8], alpha=0.1).eval()
    appnp = APPNP(6, 3, hidden_channels=[8], alpha=0.1, K=300).eval()
    appnp.mlp.load_state_dict(ppnp.mlp.state_dict())
    assert torch.allclose(appnp(g), ppnp(g), atol=1e-5)


def test_agrees_with_pyg_appnp_layer():
    g = graph(seed=2)
    h = torch.randn(g.num_nodes, 4)
    m = APPNP(6, 4, alpha=0.1, K=10).eval()
    ours = m.propagate(h, g)
    theirs = PyGAPPNP(K=10, alpha=0.1)(h, g.edge_index)
    assert torch.allclose(ours, theirs, atol=1e-5)


def test_propagation_switches():
    g = graph(seed=3)
    torch.manual_seed(0)
    m = APPNP(6, 3, hidden_channels=[8], propagate_train=False, propagate_eval=True, dropout=0.0)
    m.train()
    assert torch.allclose(m(g), m.mlp(g.x))
    m.eval()
    assert not torch.allclose(m(g), m.mlp(g.x))
    p = PPNP(6, 3, hidden_channels=[8], propagate_eval=False).eval()
    assert torch.allclose(p(g), p.mlp(g.x))


def test_adjacency_dropout_only_in_training():
    g = graph(seed=4)
    torch.manual_seed(0)
    m = APPNP(6, 3, hidden_channels=[8], dropout=0.0, adj_dropout=0.5)
    m.train()
    a, b = m(g), m(g)
    assert not torch.allclose(a, b)
    m.eval()
    assert torch.allclose(m(g), m(g))
