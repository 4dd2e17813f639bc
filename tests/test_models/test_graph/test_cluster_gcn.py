"""Cluster-GCN: pymetis partitions, cluster batches with restored edges, both normalisations
against a direct computation, PyG's ClusterLoader through MetisClusterData."""

import numpy as np
import pytest
import torch
from torch_geometric.data import Data
from torch_geometric.loader import ClusterLoader
from torch_geometric.utils import subgraph

from mmblog.datasets.graph import (
    ClusterDataset,
    MetisClusterData,
    cluster_collate,
    metis_partition,
    random_partition,
    write_graphsage,
)
from mmblog.models.graph import ClusterGCN
from mmblog.testing.demo_data.graph_sbm import sbm_graph
from mmblog.utils import register_all_modules


@pytest.fixture(scope='module')
def sbm():
    x, y, ei = sbm_graph(400, 4, avg_degree=8, homophily=0.9, num_words=20, seed=0)
    return Data(x=torch.from_numpy(x), y=torch.from_numpy(y), edge_index=torch.from_numpy(ei))


def test_metis_cuts_fewer_edges_than_random(sbm):
    m = metis_partition(sbm.edge_index, 400, 8)
    r = random_partition(400, 8)
    cut = lambda c: (c[sbm.edge_index[0]] != c[sbm.edge_index[1]]).float().mean()  # noqa: E731
    assert m.unique().numel() == 8 and cut(m) < 0.5 * cut(r)


def test_pyg_cluster_loader_with_pymetis(sbm):
    loader = ClusterLoader(MetisClusterData(sbm, num_parts=8, log=False), batch_size=2)
    assert sum(b.num_nodes for b in loader) == 400


@pytest.fixture(scope='module')
def cluster_ds(tmp_path_factory, sbm):
    root = tmp_path_factory.mktemp('sage')
    val = np.arange(400) % 10 == 0
    test = np.arange(400) % 10 == 1
    write_graphsage(str(root), 's', sbm.x.numpy(), sbm.y.numpy(), sbm.edge_index.numpy(), val, test)
    register_all_modules(init_default_scope=True)
    graph = dict(type='GraphSAGEDataset', data_root=str(root), prefix='s')
    return ClusterDataset(graph, num_parts=6, exclude=('val', 'test'), norm='vanilla')


def test_clusters_cover_training_graph_and_batches_restore_edges(cluster_ds):
    parts = torch.cat(cluster_ds.parts)
    assert torch.equal(parts.sort().values, torch.arange(cluster_ds.train_graph.num_nodes))
    batch = cluster_collate([cluster_ds[1], cluster_ds[4]])['inputs']
    nodes = batch.node_id
    ref, _ = subgraph(nodes, cluster_ds.train_graph.edge_index)
    # Every edge among the drawn clusters' nodes, in training-graph ids, and nothing else.
    got = nodes[batch.edge_index]
    assert got.size(1) == ref.size(1)
    assert set(map(tuple, got.t().tolist())) == set(map(tuple, ref.t().tolist()))
    assert torch.equal(
        torch.sort(nodes).values, torch.cat([cluster_ds.parts[i] for i in (1, 4)]).sort().values
    )
    assert torch.equal(batch.x, cluster_ds.train_graph.x[nodes])
    # x_pre = [A' X, X] over the whole training graph with A' = D^-1 A.
    g = cluster_ds.train_graph
    a = np.zeros((g.num_nodes,) * 2)
    a[g.edge_index[0], g.edge_index[1]] = 1
    ax = (a / np.maximum(a.sum(1, keepdims=True), 1)) @ g.x.numpy()
    assert np.allclose(batch.x_pre[:, : g.x.size(1)].numpy(), ax[nodes], atol=1e-5)


@pytest.mark.parametrize('norm', ['vanilla', 'diag'])
def test_cluster_gcn_layers_match_dense(sbm, norm):
    torch.manual_seed(0)
    model = ClusterGCN(20, [16], 4, norm=norm, diag_lambda=0.5, precompute=True).eval()
    n = sbm.num_nodes
    a = np.zeros((n, n))
    a[sbm.edge_index[0], sbm.edge_index[1]] = 1
    if norm == 'vanilla':
        m = a / np.maximum(a.sum(1, keepdims=True), 1)
    else:
        at = a + np.eye(n)
        m = at / at.sum(1, keepdims=True)
        m = m + 0.5 * np.diag(np.diag(m))
    x = sbm.x.double().numpy()
    w = [
        (lin.weight.double().detach().numpy(), lin.bias.double().detach().numpy())
        for lin in model.lins
    ]
    h = np.maximum(np.concatenate([m @ x, x], 1) @ w[0][0].T + w[0][1], 0)
    out = m @ (h @ w[1][0].T + w[1][1])
    assert np.allclose(model(sbm).detach().numpy(), out, atol=1e-4)


def _dense_norm(edge_index, n, norm, lam):
    a = np.zeros((n, n))
    a[edge_index[0], edge_index[1]] = 1
    if norm == 'vanilla':
        return a / np.maximum(a.sum(1, keepdims=True), 1)
    np.fill_diagonal(a, 1)
    m = a / a.sum(1, keepdims=True)
    return m + lam * np.diag(np.diag(m))


@pytest.mark.parametrize('norm', ['vanilla', 'diag'])
def test_csr_normalisation_matches_dense_with_duplicates_and_isolated_nodes(norm):
    from mmblog.models.layers.graph_normalization import normalized_adjacency_csr

    g = torch.Generator().manual_seed(0)
    ei = torch.randint(0, 30, (2, 120), generator=g)
    ei = ei[:, ei[0] != ei[1]]
    ei = torch.cat([ei, ei.flip(0), ei[:, :10]], 1)  # symmetric, with duplicates
    n = 33  # nodes 30-32 are isolated
    m = normalized_adjacency_csr(ei[:, torch.randperm(ei.size(1), generator=g)], n, norm, 0.3)
    assert m.layout == torch.sparse_csr
    assert np.allclose(m.to_dense().numpy(), _dense_norm(ei.numpy(), n, norm, 0.3), atol=1e-6)


@pytest.mark.parametrize('norm', ['vanilla', 'diag'])
def test_cluster_batch_sorted_fast_path_equals_general_path(cluster_ds, norm):
    """cluster_collate marks its CSR-ordered batches; the model's sort-free normalisation of
    them equals the general (sorting) path and the dense formula."""
    from mmblog.models.layers.graph_normalization import normalized_adjacency_csr

    batch = cluster_collate([cluster_ds[0], cluster_ds[3], cluster_ds[5]])['inputs']
    assert batch.csr_sorted
    n = batch.num_nodes
    fast = normalized_adjacency_csr(batch.edge_index, n, norm, 1.0, sorted_unique=True)
    slow = normalized_adjacency_csr(batch.edge_index.flip(1), n, norm, 1.0)
    assert torch.equal(fast.crow_indices(), slow.crow_indices())
    assert torch.equal(fast.col_indices(), slow.col_indices())
    assert torch.allclose(fast.values(), slow.values())
    ref = _dense_norm(batch.edge_index.numpy(), n, norm, 1.0)
    assert np.allclose(fast.to_dense().numpy(), ref, atol=1e-6)


@pytest.mark.parametrize('norm', ['vanilla', 'diag'])
def test_symmetric_batch_adjacency_matches_dense_forward_and_backward(cluster_ds, norm):
    """The undirected batch path merges the diagonal without sorting and builds the transpose
    from the same structure: its matrix, product and gradient equal the dense formula's."""
    from mmblog.models.layers.graph_normalization import normalized_symmetric_adjacency

    batch = cluster_collate([cluster_ds[0], cluster_ds[2]])['inputs']
    assert batch.csr_symmetric
    n = batch.num_nodes
    # An isolated node appended: its vanilla row is 0, its diag row (1 + lambda) x_i.
    ei = batch.edge_index
    a = normalized_symmetric_adjacency(ei, n + 1, norm, 0.3)
    ref = torch.from_numpy(_dense_norm(ei.numpy(), n + 1, norm, 0.3))
    assert torch.allclose(a.csr.to_dense().double(), ref, atol=1e-6)
    assert torch.allclose(a.csr_t.to_dense().double(), ref.t(), atol=1e-6)
    x = torch.randn(n + 1, 5, dtype=torch.float64, generator=torch.Generator().manual_seed(0))
    w = torch.randn(n + 1, 5, dtype=torch.float64, generator=torch.Generator().manual_seed(1))
    a64 = normalized_symmetric_adjacency(ei, n + 1, norm, 0.3, dtype=torch.float64)
    x1, x2 = x.clone().requires_grad_(), x.clone().requires_grad_()
    out = a64 @ x1
    (out * w).sum().backward()
    (ref @ x2 * w).sum().backward()
    assert torch.allclose(out, ref @ x, atol=1e-10)
    assert torch.allclose(x1.grad, x2.grad, atol=1e-10)  # = ref^T w, not ref w


def test_directed_training_graph_takes_the_general_path(tmp_path):
    """A directed graph's batches are not marked symmetric, and the model's output on them
    equals the general (transposing) path's."""
    from mmblog.datasets.graph.cluster_dataset import _ClusterStore

    g = torch.Generator().manual_seed(0)
    ei = torch.randint(0, 60, (2, 300), generator=g)
    graph = Data(
        x=torch.randn(60, 4, generator=g),
        y=torch.zeros(60, dtype=torch.long),
        edge_index=ei,
        train_mask=torch.ones(60, dtype=torch.bool),
    )
    store = _ClusterStore(graph, random_partition(60, 3), 3, 'diag', 1.0, False)
    assert not store.symmetric
    batch = store.batch([0, 2])
    assert batch.csr_sorted and not batch.csr_symmetric
    sym = torch.cat([ei, ei.flip(0)], 1)
    store = _ClusterStore(
        graph.update(dict(edge_index=sym)), random_partition(60, 3), 3, 'diag', 1.0, False
    )
    assert store.symmetric
    batch = store.batch([0, 2])
    model = ClusterGCN(4, [8], 3, precompute=False).train()
    torch.manual_seed(0)
    fast = model(batch)
    general = batch.clone()
    del general.csr_symmetric
    torch.manual_seed(0)
    assert torch.allclose(fast, model(general), atol=1e-5)
