"""Planetoid citation graphs (Cora, CiteSeer, PubMed) from the raw ``ind.<name>.*`` files."""

import os.path as osp
import pickle
from collections import defaultdict

import numpy as np
import scipy.sparse as sp
import torch
from torch_geometric.data import Data

from mmblog.registry import DATASETS
from mmblog.utils import DataFormatError, require_path

from .base_node_dataset import BaseNodeDataset
from .graph_io import clean_undirected, index_to_mask, restricted_pickle_load

PLANETOID_FILES = ('x', 'y', 'tx', 'ty', 'allx', 'ally', 'graph')
NUM_VAL = 500  # the format fixes validation as the 500 nodes after the training nodes


def _matrix(path: str, name: str, value, rows: int | None = None) -> np.ndarray:
    if sp.issparse(value):
        value = value.toarray()
    if not isinstance(value, np.ndarray) or value.ndim != 2:
        raise DataFormatError(
            f'{path}: record {name}, field shape: expected a 2-D matrix, got '
            f'{type(value).__name__} {getattr(value, "shape", "")}'
        )
    if rows is not None and value.shape[0] != rows:
        raise DataFormatError(
            f'{path}: record {name}, field rows: expected {rows} rows, got {value.shape[0]}'
        )
    return value


def read_planetoid(root: str, name: str) -> Data:
    """Read ``ind.{name}.{x,y,tx,ty,allx,ally,graph,test.index}`` into a ``Data`` with the public
    split (train: the ``len(y)`` first nodes, val: the next 500, test: ``test.index``).

    Follows the published loader's conventions: test rows are re-ordered by their index, and
    (CiteSeer) test indices missing from ``test.index`` become isolated zero-feature nodes.
    Pickles go through an allow-list unpickler: no code from the file is run.
    """
    objs = {}
    for key in PLANETOID_FILES:
        path = require_path(
            osp.join(root, f'ind.{name}.{key}'),
            f'download the Planetoid raw files of {name!r} into {root} (ind.{name}.*), or '
            f'`python tools/misc/make_demo_data.py --only planetoid` for the demo graph',
        )
        objs[key] = restricted_pickle_load(path)
    index_path = require_path(
        osp.join(root, f'ind.{name}.test.index'), f'the Planetoid raw files of {name!r}'
    )
    test_index = []
    with open(index_path) as f:
        for lineno, line in enumerate(f, 1):
            if line.strip():
                try:
                    test_index.append(int(line))
                except ValueError:
                    raise DataFormatError(
                        f'{index_path}: record line {lineno}, field node index: '
                        f'not an integer: {line.strip()!r}'
                    ) from None
    p = lambda k: osp.join(root, f'ind.{name}.{k}')  # noqa: E731
    allx = _matrix(p('allx'), 'allx', objs['allx'])
    ally = _matrix(p('ally'), 'ally', objs['ally'], rows=allx.shape[0])
    tx = _matrix(p('tx'), 'tx', objs['tx'], rows=len(test_index))
    ty = _matrix(p('ty'), 'ty', objs['ty'], rows=len(test_index))
    y_train = _matrix(p('y'), 'y', objs['y'])
    if tx.shape[1] != allx.shape[1] or ty.shape[1] != ally.shape[1]:
        raise DataFormatError(
            f'{p("tx")}: record tx/ty, field columns: {tx.shape[1]}/{ty.shape[1]} columns but '
            f'allx/ally have {allx.shape[1]}/{ally.shape[1]}'
        )
    test_index = np.asarray(test_index, dtype=np.int64)
    sorted_test = np.sort(test_index)
    num_nodes = max(
        allx.shape[0] + len(test_index), int(sorted_test[-1]) + 1 if len(test_index) else 0
    )
    if len(test_index) and sorted_test[0] < allx.shape[0]:
        raise DataFormatError(
            f'{index_path}: record test index {sorted_test[0]}, field node index: '
            f'overlaps the {allx.shape[0]} allx rows'
        )
    x = np.zeros((num_nodes, allx.shape[1]), dtype=np.float32)
    y = np.zeros((num_nodes, ally.shape[1]), dtype=np.float32)
    x[: allx.shape[0]] = allx
    y[: allx.shape[0]] = ally
    # Row i of tx belongs to node test_index[i]; other gap nodes (CiteSeer) stay zero.
    x[test_index] = tx
    y[test_index] = ty
    num_train = y_train.shape[0]
    if num_train + NUM_VAL > allx.shape[0]:
        raise DataFormatError(
            f'{p("allx")}: record allx, field rows: {allx.shape[0]} rows cannot hold the '
            f'{num_train} training and {NUM_VAL} validation nodes the format fixes'
        )
    graph = objs['graph']
    if not isinstance(graph, dict):
        raise DataFormatError(
            f'{p("graph")}: record <root>, field type: expected a dict of neighbour lists, '
            f'got {type(graph).__name__}'
        )
    rows, cols = [], []
    for node, nbrs in graph.items():
        if not isinstance(node, (int, np.integer)) or not isinstance(nbrs, (list, tuple)):
            raise DataFormatError(
                f'{p("graph")}: record node {node!r}, field neighbours: expected int -> list '
                f'of ints, got {type(node).__name__} -> {type(nbrs).__name__}'
            )
        rows.extend([node] * len(nbrs))
        cols.extend(nbrs)
    edge_index = torch.tensor([rows, cols], dtype=torch.long)
    if edge_index.numel() and (edge_index.min() < 0 or edge_index.max() >= num_nodes):
        bad = int(edge_index.max()) if edge_index.max() >= num_nodes else int(edge_index.min())
        raise DataFormatError(
            f'{p("graph")}: record node {bad}, field neighbours: outside [0, {num_nodes})'
        )
    labels = torch.from_numpy(y.argmax(1)).long()
    return Data(
        x=torch.from_numpy(x),
        edge_index=clean_undirected(edge_index, num_nodes),
        y=labels,
        train_mask=index_to_mask(np.arange(num_train), num_nodes),
        val_mask=index_to_mask(np.arange(num_train, num_train + NUM_VAL), num_nodes),
        test_mask=index_to_mask(test_index, num_nodes),
        num_nodes=num_nodes,
    )


def write_planetoid(
    root: str,
    name: str,
    x: np.ndarray,
    y: np.ndarray,
    edge_index: np.ndarray,
    num_train: int,
    test_index: np.ndarray,
) -> None:
    """Write a graph in the raw Planetoid layout (the inverse of :func:`read_planetoid`).

    Nodes ``[0, num_train)`` are the training set, the next 500 the validation set (the format
    fixes both), ``test_index`` the test set; every other node before the test nodes is
    unlabelled-but-known (``allx``). Needs ``N >= num_train + 500 + len(test_index)``.
    """
    n, c = x.shape[0], int(y.max()) + 1
    test_index = np.asarray(test_index)
    allx_rows = np.setdiff1d(np.arange(n), test_index)
    if not np.array_equal(allx_rows, np.arange(len(allx_rows))):
        raise ValueError('test nodes must be the last ones (Planetoid stores allx then tx)')
    if num_train + NUM_VAL > len(allx_rows):
        raise ValueError(
            f'Planetoid needs N >= num_train + {NUM_VAL} + |test|; got N={n}, '
            f'num_train={num_train}, |test|={len(test_index)}'
        )
    onehot = np.eye(c, dtype=np.int64)[y]
    # Row i of tx/ty belongs to line i of test.index; the published files list them unsorted.
    test_order = np.random.default_rng(0).permutation(test_index)
    csr = lambda a: sp.csr_matrix(a.astype(np.float32))  # noqa: E731
    graph = defaultdict(list)
    for s, d in np.asarray(edge_index).T:
        graph[int(s)].append(int(d))
    objs = dict(
        x=csr(x[:num_train]),
        y=onehot[:num_train],
        allx=csr(x[allx_rows]),
        ally=onehot[allx_rows],
        tx=csr(x[test_order]),
        ty=onehot[test_order],
        graph=graph,
    )
    for key, value in objs.items():
        with open(osp.join(root, f'ind.{name}.{key}'), 'wb') as f:
            pickle.dump(value, f, protocol=2)
    with open(osp.join(root, f'ind.{name}.test.index'), 'w') as f:
        f.write('\n'.join(str(int(i)) for i in test_order) + '\n')


@DATASETS.register_module()
class PlanetoidDataset(BaseNodeDataset):
    """Cora / CiteSeer / PubMed with the public Planetoid split (20 per class train, 500 val,
    1000 test), read from the raw ``ind.<name>.*`` files.

    Args:
        data_root: Folder holding ``ind.<name>.*``.
        name: ``'cora'``, ``'citeseer'``, ``'pubmed'`` or a generated graph's name.
        split, normalize_features, sparse_features: See :class:`BaseNodeDataset`.
    """

    def __init__(self, data_root: str, name: str = 'cora', **kwargs):
        self.name = name
        super().__init__(data_root=data_root, **kwargs)

    def cache_key(self) -> tuple:
        return (*super().cache_key(), self.name)

    def load_graph(self) -> Data:
        return read_planetoid(self.data_root, self.name)
