"""Graphs in the GraphSAGE file layout (PPI, Reddit): ``{prefix}-G.json`` (networkx node-link
graph whose nodes carry ``val``/``test`` flags), ``-feats.npy``, ``-class_map.json``,
``-id_map.json``."""

import json
import os.path as osp

import numpy as np
import torch
from torch_geometric.data import Data

from mmblog.registry import DATASETS
from mmblog.utils import DataFormatError, require_path

from .base_node_dataset import BaseNodeDataset
from .graph_io import clean_undirected

HOW_TO_MAKE = (
    'download the GraphSAGE-format files (e.g. ppi.zip from the GraphSAGE project) or run '
    '`python tools/misc/make_demo_data.py --only graphsage` for the demo graph'
)


def _load_json(path: str):
    require_path(path, HOW_TO_MAKE)
    try:
        with open(path) as f:
            return json.load(f)
    except json.JSONDecodeError as exc:
        raise DataFormatError(
            f'{path}: record <json>, field line {exc.lineno}: {exc.msg}'
        ) from None


def read_graphsage(root: str, prefix: str) -> Data:
    """Read the four files into a ``Data``: rows ordered by ``id_map``; ``train_mask`` = nodes
    with neither flag; links are positions in the ``nodes`` list (networkx 1.x node-link, the
    version GraphSAGE wrote); ``y`` is (N,) for integer classes or (N, C) 0/1 for label lists."""
    p = lambda s: osp.join(root, f'{prefix}-{s}')  # noqa: E731
    g = _load_json(p('G.json'))
    id_map = _load_json(p('id_map.json'))
    class_map = _load_json(p('class_map.json'))
    feats_path = require_path(p('feats.npy'), HOW_TO_MAKE)
    feats = np.load(feats_path, allow_pickle=False)
    for key in ('nodes', 'links'):
        if key not in g:
            raise DataFormatError(f'{p("G.json")}: record <graph>, field {key!r}: missing')
    n = len(g['nodes'])
    if feats.ndim != 2 or feats.shape[0] != n:
        raise DataFormatError(
            f'{feats_path}: record <array>, field shape: expected ({n}, F), got {feats.shape}'
        )
    row_of = np.empty(n, dtype=np.int64)
    val = np.zeros(n, dtype=bool)
    test = np.zeros(n, dtype=bool)
    labels = []
    for i, node in enumerate(g['nodes']):
        for flag in ('id', 'val', 'test'):
            if flag not in node:
                raise DataFormatError(
                    f'{p("G.json")}: record node {i} (id {node.get("id", "?")}), '
                    f'field {flag!r}: missing'
                )
        key = str(node['id'])
        if key not in id_map:
            raise DataFormatError(f'{p("id_map.json")}: record node {key}, field id: missing')
        if key not in class_map:
            raise DataFormatError(f'{p("class_map.json")}: record node {key}, field class: missing')
        row_of[i] = id_map[key]
        val[i], test[i] = bool(node['val']), bool(node['test'])
        labels.append(class_map[key])
    if sorted(row_of.tolist()) != list(range(n)):
        raise DataFormatError(f'{p("id_map.json")}: record <map>, field rows: not a permutation')
    order = np.argsort(row_of)  # node position for each feature row
    try:
        src = [link['source'] for link in g['links']]
        dst = [link['target'] for link in g['links']]
    except (KeyError, TypeError) as exc:
        raise DataFormatError(f'{p("G.json")}: record link, field {exc}: missing') from None
    pos = torch.tensor([src, dst], dtype=torch.long).reshape(2, -1)
    if pos.numel() and (pos.min() < 0 or pos.max() >= n):
        raise DataFormatError(f'{p("G.json")}: record link, field source/target: outside [0, {n})')
    edge_index = torch.from_numpy(row_of)[pos]
    y = np.asarray(labels)[order]
    y = torch.from_numpy(y.astype(np.int64))
    val_t, test_t = torch.from_numpy(val[order]), torch.from_numpy(test[order])
    return Data(
        x=torch.from_numpy(feats.astype(np.float32)),
        edge_index=clean_undirected(edge_index, n),
        y=y,
        train_mask=~(val_t | test_t),
        val_mask=val_t,
        test_mask=test_t,
        num_nodes=n,
    )


def write_graphsage(root: str, prefix: str, x, y, edge_index, val_mask, test_mask) -> None:
    """Write the GraphSAGE layout (the inverse of :func:`read_graphsage`); ids are strings of
    the row index, as in Reddit."""
    n = x.shape[0]
    nodes = [
        dict(id=str(i), val=bool(val_mask[i]), test=bool(test_mask[i]), feature=None)
        for i in range(n)
    ]
    src, dst = np.asarray(edge_index)
    half = src < dst
    links = [dict(source=int(s), target=int(d)) for s, d in zip(src[half], dst[half])]
    graph = dict(directed=False, graph={}, nodes=nodes, links=links, multigraph=False)
    with open(osp.join(root, f'{prefix}-G.json'), 'w') as f:
        json.dump(graph, f)
    with open(osp.join(root, f'{prefix}-id_map.json'), 'w') as f:
        json.dump({str(i): i for i in range(n)}, f)
    y = np.asarray(y)
    cm = {str(i): (y[i].tolist() if y.ndim == 2 else int(y[i])) for i in range(n)}
    with open(osp.join(root, f'{prefix}-class_map.json'), 'w') as f:
        json.dump(cm, f)
    np.save(osp.join(root, f'{prefix}-feats.npy'), np.asarray(x, dtype=np.float32))


@DATASETS.register_module()
class GraphSAGEDataset(BaseNodeDataset):
    """PPI / Reddit / any graph in the GraphSAGE layout (see :func:`read_graphsage`).

    Args:
        data_root: Folder of the files; ``prefix``: their common prefix (``'ppi'``).
        split, normalize_features, sparse_features: See :class:`BaseNodeDataset`.
    """

    def __init__(self, data_root: str, prefix: str = 'ppi', **kwargs):
        self.prefix = prefix
        super().__init__(data_root=data_root, **kwargs)

    def cache_key(self) -> tuple:
        return (*super().cache_key(), self.prefix)

    def load_graph(self) -> Data:
        return read_graphsage(self.data_root, self.prefix)
