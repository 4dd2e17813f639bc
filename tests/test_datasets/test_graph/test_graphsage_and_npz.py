"""GraphSAGE layout and SparseGraph .npz readers: round trips, the ppnp protocol, bad input."""

import json

import numpy as np
import pytest
import scipy.sparse as sp
import torch

from mmblog.datasets.graph import (
    GraphSAGEDataset,
    SparseGraphNpzDataset,
    ppnp_split,
    read_graphsage,
    read_sparse_graph_npz,
    write_graphsage,
)
from mmblog.testing.demo_data.graph_sbm import sbm_graph
from mmblog.utils import DataFormatError


@pytest.fixture
def sage(tmp_path):
    x, y, ei = sbm_graph(60, 3, num_words=12, seed=0)
    multi = np.eye(3, dtype=np.int64)[y]
    val = np.arange(60) % 5 == 0
    test = np.arange(60) % 5 == 1
    write_graphsage(str(tmp_path), 'toy', x, multi, ei, val, test)
    return tmp_path, x, multi, ei, val, test


def test_graphsage_round_trip(sage):
    root, x, y, ei, val, test = sage
    g = read_graphsage(str(root), 'toy')
    assert torch.equal(g.x, torch.from_numpy(x)) and torch.equal(g.y, torch.from_numpy(y))
    assert set(map(tuple, g.edge_index.t().tolist())) == set(map(tuple, ei.T.tolist()))
    assert torch.equal(g.val_mask, torch.from_numpy(val))
    assert torch.equal(g.train_mask, torch.from_numpy(~(val | test)))
    ds = GraphSAGEDataset(str(root), prefix='toy', split='val')
    assert ds.metainfo['multilabel'] and ds.metainfo['num_classes'] == 3


def test_graphsage_node_without_flag(sage):
    root = sage[0]
    path = root / 'toy-G.json'
    g = json.loads(path.read_text())
    del g['nodes'][7]['test']
    path.write_text(json.dumps(g))
    with pytest.raises(DataFormatError) as err:
        read_graphsage(str(root), 'toy')
    msg = str(err.value)
    assert "toy-G.json: record node 7 (id 7), field 'test': missing" in msg and '\n' not in msg


def write_npz(path, n=40, drop=None):
    x, y, ei = sbm_graph(n, 2, num_words=10, seed=3)
    adj = sp.csr_matrix((np.ones(ei.shape[1]), (ei[0], ei[1])), shape=(n, n))
    attr = sp.csr_matrix(x)
    arrays = {
        f'adj_matrix.{k}': v
        for k, v in zip(
            ('data', 'indices', 'indptr', 'shape'), (adj.data, adj.indices, adj.indptr, adj.shape)
        )
    }
    arrays.update(
        {
            f'attr_matrix.{k}': v
            for k, v in zip(
                ('data', 'indices', 'indptr', 'shape'),
                (attr.data, attr.indices, attr.indptr, attr.shape),
            )
        }
    )
    arrays['labels'] = y
    if drop:
        arrays.pop(drop)
    np.savez(path, **arrays)
    return adj, attr, y


def test_npz_round_trip_lcc_and_split(tmp_path):
    adj, attr, y = write_npz(tmp_path / 'toy.npz')
    a, x, labels = read_sparse_graph_npz(str(tmp_path / 'toy.npz'))
    assert (a != adj).nnz == 0 and (x != attr).nnz == 0 and np.array_equal(labels, y)
    ds = SparseGraphNpzDataset(
        str(tmp_path),
        name='toy',
        split_seed=1,
        num_known=30,
        train_per_class=3,
        num_stopping=6,
        split='test',
    )
    g = ds.graph
    assert g.train_mask.sum() == 6 and g.val_mask.sum() == 6
    assert (
        not (g.train_mask & g.val_mask).any()
        and not (g.test_mask & (g.train_mask | g.val_mask)).any()
    )
    # Same known set for every split seed; train/stopping vary with the seed.
    a1 = ppnp_split(np.repeat([0, 1], 50), 1, num_known=40, train_per_class=5, num_stopping=10)
    a2 = ppnp_split(np.repeat([0, 1], 50), 2, num_known=40, train_per_class=5, num_stopping=10)
    assert np.array_equal(np.sort(a1[2]), np.sort(a2[2])) and not np.array_equal(a1[0], a2[0])


def test_npz_missing_key(tmp_path):
    write_npz(tmp_path / 'bad.npz', drop='adj_matrix.indptr')
    with pytest.raises(DataFormatError) as err:
        read_sparse_graph_npz(str(tmp_path / 'bad.npz'))
    msg = str(err.value)
    assert 'bad.npz: record adj_matrix, field adj_matrix.indptr: missing key' in msg
    assert '\n' not in msg
    write_npz(tmp_path / 'nolab.npz', drop='labels')
    with pytest.raises(DataFormatError, match='record labels, field labels: missing key'):
        read_sparse_graph_npz(str(tmp_path / 'nolab.npz'))
