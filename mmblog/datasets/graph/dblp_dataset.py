"""DBLP four-area (Ji, Sun et al., ECML-PKDD'10; as shipped in Jhy1993/HAN): author
classification into 4 areas on an author-paper-term-conference graph.

What the raw files hold (tab-separated, no header): ``author.txt``/``paper.txt``/``term.txt``/
``conf.txt`` are ``id \\t name`` (paper names are titles; ``paper.txt`` is not valid UTF-8, so
names are read as latin-1); ``paper_author.txt``, ``paper_conf.txt``, ``paper_term.txt`` are
``paper_id \\t other_id`` links; ``author_label.txt`` is ``author_id \\t label \\t name`` for the
4057 labelled authors (0 database, 1 data mining, 2 AI, 3 information retrieval). The files
give NO paper years (and no node features): the graph is static, so HGT runs without RTE here.
"""

import os.path as osp

import numpy as np
import torch
from torch_geometric.data import HeteroData

from mmblog.registry import DATASETS
from mmblog.utils import DataFormatError, require_path

from .base_hetero_node_dataset import BaseHeteroNodeDataset
from .hetero_features import fill_featureless_features

NODE_FILES = {'author': 'author.txt', 'paper': 'paper.txt', 'term': 'term.txt', 'conf': 'conf.txt'}
LINK_FILES = {'author': 'paper_author.txt', 'term': 'paper_term.txt', 'conf': 'paper_conf.txt'}
_HOW = 'the DBLP four-area files of Jhy1993/HAN (data/DBLP_four_area) copied to data_root'


def _read_rows(path: str, min_fields: int) -> list[list[str]]:
    require_path(path, _HOW)
    with open(path, encoding='latin-1') as f:
        rows = []
        for lineno, line in enumerate(f, 1):
            line = line.rstrip('\r\n')
            if not line.strip():
                continue
            fields = line.split('\t')
            if len(fields) < min_fields:
                raise DataFormatError(
                    f'{path}:{lineno}: record {line[:40]!r}, field {len(fields) + 1}: expected '
                    f'{min_fields} tab-separated fields, got {len(fields)}'
                )
            rows.append(fields)
    return rows


def _int(path: str, lineno: int, name: str, value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise DataFormatError(
            f'{path}:{lineno}: field {name}: {value!r} is not an integer id'
        ) from None


def _read_ids(path: str) -> dict[int, int]:
    """``id \\t name`` -> {raw id: row index}."""
    index = {}
    for lineno, row in enumerate(_read_rows(path, 2), 1):
        raw = _int(path, lineno, 'id', row[0])
        if raw in index:
            raise DataFormatError(f'{path}:{lineno}: field id: duplicate id {raw}')
        index[raw] = len(index)
    return index


def _read_links(path: str, left: dict, right: dict, names: tuple[str, str]) -> torch.Tensor:
    rows = _read_rows(path, 2)
    out = np.empty((2, len(rows)), dtype=np.int64)
    for lineno, row in enumerate(rows, 1):
        for side, (ids, name) in enumerate(zip((left, right), names)):
            raw = _int(path, lineno, f'{name}_id', row[side])
            pos = ids.get(raw)
            if pos is None:
                kind = name.split('_')[0]
                raise DataFormatError(
                    f'{path}:{lineno}: field {name}_id: unknown {kind} id {raw} '
                    f'(not in {NODE_FILES[kind]})'
                )
            out[side, lineno - 1] = pos
    return torch.from_numpy(out)


def read_dblp_four_area(data_root: str, num_features: int = 334) -> HeteroData:
    """The raw files -> ``HeteroData`` with node types author/paper/term/conf and both
    directions of every link (``paper -writes_by-> author`` and ``author -writes-> paper``...).

    Features: a paper is the 0/1 bag of its terms over the ``num_features`` terms linked to
    most papers (HGB's DBLP gives authors a 334-keyword bag); authors, terms and conferences
    have none in the files and get the mean of their papers' bags (HGT's rule for featureless
    types). ``author.y`` is -1 for the unlabelled authors."""
    ids = {nt: _read_ids(osp.join(data_root, fn)) for nt, fn in NODE_FILES.items()}
    data = HeteroData()
    for nt, index in ids.items():
        data[nt].num_nodes = len(index)
    links = {}
    for nt, fn in LINK_FILES.items():
        ei = _read_links(osp.join(data_root, fn), ids['paper'], ids[nt], ('paper', nt))
        links[nt] = ei
        rel = {'author': 'writes', 'term': 'has_term', 'conf': 'published_in'}[nt]
        data['paper', f'rev_{rel}', nt].edge_index = ei
        data[nt, rel, 'paper'].edge_index = ei.flip(0)
    # Paper bag of words over the most linked terms.
    pt = links['term']
    freq = torch.bincount(pt[1], minlength=len(ids['term']))
    vocab = torch.argsort(freq, descending=True, stable=True)[:num_features]
    col = torch.full((len(ids['term']),), -1, dtype=torch.long)
    col[vocab] = torch.arange(vocab.numel())
    keep = col[pt[1]] >= 0
    x = torch.zeros(len(ids['paper']), vocab.numel())
    x[pt[0, keep], col[pt[1, keep]]] = 1.0
    data['paper'].x = x
    fill_featureless_features(data)
    # Labels.
    path = osp.join(data_root, 'author_label.txt')
    y = torch.full((len(ids['author']),), -1, dtype=torch.long)
    for lineno, row in enumerate(_read_rows(path, 2), 1):
        raw = _int(path, lineno, 'author_id', row[0])
        if raw not in ids['author']:
            raise DataFormatError(
                f'{path}:{lineno}: field author_id: unknown author id {raw} (not in author.txt)'
            )
        label = _int(path, lineno, 'label', row[1])
        if not 0 <= label < 4:
            raise DataFormatError(f'{path}:{lineno}: field label: {label} is not in 0..3')
        y[ids['author'][raw]] = label
    data['author'].y = y
    return data


def random_split(labelled: torch.Tensor, ratios: tuple, seed: int) -> list[torch.Tensor]:
    """Shuffle ``labelled`` node indices with ``seed`` and cut train/val/test by ``ratios``."""
    perm = labelled[torch.randperm(labelled.numel(), generator=torch.Generator().manual_seed(seed))]
    n_train = int(round(ratios[0] * perm.numel()))
    n_val = int(round(ratios[1] * perm.numel()))
    return [perm[:n_train], perm[n_train : n_train + n_val], perm[n_train + n_val :]]


@DATASETS.register_module()
class DBLPDataset(BaseHeteroNodeDataset):
    """DBLP four-area author classification (4057 labelled authors of 14475, 14376 papers,
    8920 terms, 20 conferences) from the raw files, with a random split of the labelled
    authors (HGB's proportions 24% train / 6% val / 70% test by default).

    Args:
        data_root: Folder with the raw ``*.txt`` files.
        split: ``'train'``, ``'val'``, ``'test'`` or ``'all'``.
        split_ratios: Train and val fractions (the rest is test).
        split_seed: Seed of the random split.
        num_features: Terms in the bag-of-words features.
        drop_node_types: Node types removed (with their edges) after the features are built,
            e.g. ``('term',)``: 8920 term nodes carry 229k of the 342k directed edges, while
            their information is already in every node's bag-of-terms features.
        homogeneous: The typeless view for GCN/MLP baselines.
    """

    METAINFO = dict(classes=('database', 'data mining', 'AI', 'information retrieval'))
    TARGET_TYPE = 'author'

    def __init__(
        self,
        data_root: str = '',
        split: str = 'train',
        split_ratios: tuple = (0.24, 0.06),
        split_seed: int = 0,
        num_features: int = 334,
        drop_node_types: tuple = (),
        homogeneous: bool = False,
    ):
        self.drop_node_types = tuple(drop_node_types)
        self.split_ratios = tuple(split_ratios)
        self.split_seed = split_seed
        self.num_features = num_features
        super().__init__(data_root, split, homogeneous)

    def cache_key(self) -> tuple:
        return (
            self.data_root,
            self.split_ratios,
            self.split_seed,
            self.num_features,
            self.drop_node_types,
        )

    def load_graph(self) -> HeteroData:
        data = read_dblp_four_area(self.data_root, self.num_features)
        if self.drop_node_types:
            keep = [nt for nt in data.node_types if nt not in self.drop_node_types]
            data = data.node_type_subgraph(keep)
        y = data['author'].y
        parts = random_split((y >= 0).nonzero().flatten(), self.split_ratios, self.split_seed)
        for name, idx in zip(('train', 'val', 'test'), parts):
            mask = torch.zeros(y.numel(), dtype=torch.bool)
            mask[idx] = True
            data['author'][f'{name}_mask'] = mask
        data['author'].y = y.clamp_min(0)  # unlabelled authors are never in a mask
        return data
