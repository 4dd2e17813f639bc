"""Planetoid raw files: write/read round trip, public split, safe unpickling, one-line errors."""

import os
import pickle

import numpy as np
import pytest
import torch

from mmblog.datasets.graph import PlanetoidDataset, graph_collate, read_planetoid, write_planetoid
from mmblog.testing.demo_data.graph_sbm import make_planetoid_demo, sbm_graph
from mmblog.utils import DataFormatError, MissingDataError


@pytest.fixture
def tiny(tmp_path):
    n, c = 600, 2
    labels = np.concatenate(
        [np.repeat([0, 1], 20), np.random.default_rng(1).integers(2, size=n - 40)]
    )
    x, y, ei = sbm_graph(n, c, num_words=30, seed=1, labels=labels)
    write_planetoid(str(tmp_path), 'tiny', x, y, ei, 40, np.arange(n - 40, n))
    return tmp_path, x, y, ei


def test_round_trip_and_public_split(tiny):
    root, x, y, ei = tiny
    g = read_planetoid(str(root), 'tiny')
    assert torch.equal(g.x, torch.from_numpy(x))
    assert torch.equal(g.y, torch.from_numpy(y))
    got = set(map(tuple, g.edge_index.t().tolist()))
    assert got == set(map(tuple, ei.T.tolist()))
    assert g.train_mask.nonzero().flatten().tolist() == list(range(40))
    assert g.val_mask.nonzero().flatten().tolist() == list(range(40, 540))
    assert g.test_mask.nonzero().flatten().tolist() == list(range(560, 600))


def test_dataset_items_and_collate(tiny):
    root = tiny[0]
    ds = {
        s: PlanetoidDataset(str(root), name='tiny', split=s, normalize_features='l1')
        for s in ('train', 'val', 'test')
    }
    assert len(ds['train']) == 1 and ds['train'].metainfo['num_classes'] == 2
    batch = graph_collate([ds['val'][0]])
    # One graph is passed through without copying the features.
    assert batch['inputs'].x.data_ptr() == ds['train'].graph.x.data_ptr()
    assert torch.equal(batch['inputs'].target_mask, ds['val'].graph.val_mask)
    assert batch['data_samples'][0].metainfo['split'] == 'val'
    assert torch.allclose(
        ds['test'].graph.x.sum(1)[ds['test'].graph.x.sum(1) > 0], torch.tensor(1.0)
    )
    two = graph_collate([ds['train'][0], ds['test'][0]])
    assert two['inputs'].num_graphs == 2 and two['inputs'].x.size(0) == 1200


def test_planetoid_size_constraint(tmp_path):
    x, y, ei = sbm_graph(100, 2, num_words=10)
    with pytest.raises(ValueError, match='N >= num_train'):
        write_planetoid(str(tmp_path), 't', x, y, ei, 40, np.arange(80, 100))
    with pytest.raises(ValueError, match=r'20\*C \+ 500'):
        make_planetoid_demo(str(tmp_path), num_nodes=700, num_classes=4, num_test=500)


class _Evil:
    def __reduce__(self):
        return (os.system, ('echo pwned',))


def test_malicious_pickle_refused(tiny):
    root = tiny[0]
    with open(root / 'ind.tiny.graph', 'wb') as f:
        pickle.dump({0: [1], 1: _Evil()}, f, protocol=2)
    with pytest.raises(DataFormatError) as err:
        read_planetoid(str(root), 'tiny')
    msg = str(err.value)
    assert 'ind.tiny.graph' in msg and 'record' in msg and 'field global' in msg
    assert ('posix.system' in msg or 'os.system' in msg) and '\n' not in msg


def test_truncated_and_malformed_records(tiny):
    root = tiny[0]
    raw = (root / 'ind.tiny.allx').read_bytes()
    (root / 'ind.tiny.allx').write_bytes(raw[: len(raw) // 2])
    with pytest.raises(DataFormatError, match=r'ind\.tiny\.allx: record <pickle>, field <stream>'):
        read_planetoid(str(root), 'tiny')
    (root / 'ind.tiny.allx').write_bytes(raw)
    with open(root / 'ind.tiny.graph', 'wb') as f:
        pickle.dump({0: [1], 3: 'x'}, f, protocol=2)
    with pytest.raises(DataFormatError, match=r'ind\.tiny\.graph: record node 3, field neighbours'):
        read_planetoid(str(root), 'tiny')
    with open(root / 'ind.tiny.graph', 'wb') as f:
        pickle.dump({0: [1], 1: [100000]}, f, protocol=2)
    with pytest.raises(DataFormatError, match='record node 100000'):
        read_planetoid(str(root), 'tiny')
    with open(root / 'ind.tiny.ty', 'wb') as f:
        pickle.dump(np.zeros((3, 2)), f, protocol=2)
    with pytest.raises(DataFormatError, match=r'ind\.tiny\.ty: record ty, field rows'):
        read_planetoid(str(root), 'tiny')
    (root / 'ind.tiny.x').unlink()
    with pytest.raises(MissingDataError, match='ind.tiny.x'):
        read_planetoid(str(root), 'tiny')
