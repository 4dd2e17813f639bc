"""OGB-MAG (ogbn-mag) from its raw csv layout: paper venue classification with the time split.

Layout under ``data_root`` (the ``mag`` folder of the OGB download), all csv without header,
gzip-compressed (``.csv.gz``; plain ``.csv`` is read too)::

    raw/num-node-dict.csv.gz                      header line of type names, one line of counts
    raw/node-feat/paper/node-feat.csv.gz          one line of floats per paper (128 in ogbn-mag)
    raw/node_year/paper/node_year.csv.gz          the publication year of each paper
    raw/node-label/paper/node-label.csv.gz        the venue of each paper (349 in ogbn-mag)
    raw/relations/<src>___<rel>___<dst>/edge.csv.gz   'src,dst' per line
    split/time/paper/{train,valid,test}.csv.gz    paper ids (train < 2018, valid 2018, test 2019)

Only papers have features and years: authors, fields and institutions get the mean features of
their neighbours, and (full graph) the rounded mean year of their papers.
"""

import gzip
import os
import os.path as osp

import numpy as np
import torch
from torch_geometric.data import HeteroData

from mmblog.registry import DATASETS
from mmblog.utils import DataFormatError, require_path

from .base_hetero_node_dataset import BaseHeteroNodeDataset
from .hetero_features import assign_inductive_times, fill_featureless_features

_HOW = 'python tools/misc/make_demo_data.py --only ogbn_mag (or the ogbn-mag download: mag/)'


def _open(path: str):
    if osp.exists(path):
        return gzip.open(path, 'rt') if path.endswith('.gz') else open(path)
    plain = path[:-3] if path.endswith('.gz') else path
    if osp.exists(plain):
        return open(plain)
    require_path(path, _HOW)


def read_csv_matrix(path: str, dtype, ncols: int | None = None, field: str = 'value') -> np.ndarray:
    """A headerless csv of numbers -> (rows, cols) array; a bad line is one ``DataFormatError``
    naming the file, line and field."""
    with _open(path) as f:
        lines = f.read().splitlines()
    rows = []
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        parts = line.split(',')
        if ncols is not None and len(parts) != ncols:
            raise DataFormatError(
                f'{path}:{lineno}: field {field}: expected {ncols} comma-separated values, '
                f'got {len(parts)}'
            )
        try:
            rows.append([dtype(p) for p in parts])
        except ValueError:
            bad = next(p for p in parts if not _parses(p, dtype))
            raise DataFormatError(
                f'{path}:{lineno}: field {field}: {bad!r} is not a {dtype.__name__}'
            ) from None
    width = ncols if ncols is not None else (len(rows[0]) if rows else 0)
    return np.asarray(rows, dtype=np.float32 if dtype is float else np.int64).reshape(-1, width)


def _parses(text: str, dtype) -> bool:
    try:
        dtype(text)
        return True
    except ValueError:
        return False


def read_ogbn_mag(data_root: str) -> tuple[HeteroData, dict]:
    """The raw layout -> (``HeteroData`` with both directions of every relation, the time split
    as index tensors)."""
    raw = osp.join(data_root, 'raw')
    path = osp.join(raw, 'num-node-dict.csv.gz')
    with _open(path) as f:
        lines = [ln for ln in f.read().splitlines() if ln.strip()]
    if len(lines) != 2:
        raise DataFormatError(
            f'{path}:1: field header: expected a line of types and a line of counts'
        )
    names = lines[0].split(',')
    try:
        counts = [int(c) for c in lines[1].split(',')]
    except ValueError:
        raise DataFormatError(f'{path}:2: field count: not integers: {lines[1]!r}') from None
    num = dict(zip(names, counts))
    data = HeteroData()
    for nt, n in num.items():
        data[nt].num_nodes = n
    paper = osp.join(raw, '{}', 'paper', '{}.csv.gz')
    x = read_csv_matrix(paper.format('node-feat', 'node-feat'), float, None, 'feature')
    year = read_csv_matrix(paper.format('node_year', 'node_year'), int, 1, 'year')[:, 0]
    label = read_csv_matrix(paper.format('node-label', 'node-label'), int, 1, 'label')[:, 0]
    for what, arr in (('node-feat', x), ('node_year', year), ('node-label', label)):
        if arr.shape[0] != num['paper']:
            raise DataFormatError(
                f'{paper.format(what, what)}: record <file>, field rows: {arr.shape[0]} rows for '
                f'{num["paper"]} papers'
            )
    data['paper'].x = torch.from_numpy(x)
    data['paper'].time = torch.from_numpy(year)
    data['paper'].y = torch.from_numpy(label)
    rel_root = osp.join(raw, 'relations')
    require_path(rel_root, _HOW)
    for folder in sorted(os.listdir(rel_root)):
        parts = folder.split('___')
        if len(parts) != 3:
            continue
        s, r, d = parts
        epath = osp.join(rel_root, folder, 'edge.csv.gz')
        ei = read_csv_matrix(epath, int, 2, 'src,dst').T
        for side, nt, name in ((0, s, 'src'), (1, d, 'dst')):
            bad = np.flatnonzero((ei[side] < 0) | (ei[side] >= num[nt]))
            if bad.size:
                raise DataFormatError(
                    f'{epath}:{bad[0] + 1}: field {name}: {nt} id {ei[side, bad[0]]} is out of '
                    f'range (num-node-dict: {num[nt]} {nt} nodes)'
                )
        ei = torch.from_numpy(np.ascontiguousarray(ei))
        data[s, r, d].edge_index = ei
        data[d, f'rev_{r}', s].edge_index = ei.flip(0)
    split = {}
    for name in ('train', 'valid', 'test'):
        spath = osp.join(data_root, 'split', 'time', 'paper', f'{name}.csv.gz')
        idx = read_csv_matrix(spath, int, 1, 'paper_id')[:, 0]
        if idx.size and (idx.min() < 0 or idx.max() >= num['paper']):
            raise DataFormatError(f'{spath}: field paper_id: ids outside 0..{num["paper"] - 1}')
        split[name] = torch.from_numpy(idx)
    return data, split


@DATASETS.register_module()
class OGBNMagDataset(BaseHeteroNodeDataset):
    """ogbn-mag paper venue classification (raw csv layout, time split), one full graph.

    Args:
        data_root: The ``mag`` folder (with ``raw/`` and ``split/``).
        split: ``'train'``, ``'val'``, ``'test'`` or ``'all'``.
    """

    TARGET_TYPE = 'paper'

    def load_graph(self) -> HeteroData:
        data, split = read_ogbn_mag(self.data_root)
        fill_featureless_features(data)
        assign_inductive_times(data)
        n = data['paper'].num_nodes
        for name, key in (('train', 'train'), ('val', 'valid'), ('test', 'test')):
            mask = torch.zeros(n, dtype=torch.bool)
            mask[split[key]] = True
            data['paper'][f'{name}_mask'] = mask
        return data
