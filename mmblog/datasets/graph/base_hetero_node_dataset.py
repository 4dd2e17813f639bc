"""One heterogeneous graph with labels on one node type: the transductive setting."""

import copy
from abc import abstractmethod

import torch
from torch.utils.data import Dataset
from torch_geometric.data import Data, HeteroData

from mmblog.structures import GraphDataSample

from .graph_io import clean_undirected

SPLITS = ('train', 'val', 'test', 'all')


def hetero_to_homogeneous(data: HeteroData, target_type: str) -> Data:
    """Forget the types: one ``Data`` with all nodes (type blocks in ``data.node_types`` order,
    features concatenated, so every type needs the same feature size), undirected edges, and
    ``y``/masks on the target type's block (other nodes: label 0, masks False). The graph a
    homogeneous GCN baseline sees."""
    offsets, start = {}, 0
    for nt in data.node_types:
        offsets[nt] = start
        start += data[nt].num_nodes
    dims = {nt: data[nt].x.size(1) for nt in data.node_types}
    if len(set(dims.values())) > 1:
        raise ValueError(f'homogeneous view needs one feature size for all types, got {dims}')
    x = torch.cat([data[nt].x.float() for nt in data.node_types])
    edges = [
        torch.stack(
            [data[et].edge_index[0] + offsets[et[0]], data[et].edge_index[1] + offsets[et[2]]]
        )
        for et in data.edge_types
    ]
    out = Data(x=x, edge_index=clean_undirected(torch.cat(edges, 1), start), num_nodes=start)
    tgt = data[target_type]
    sl = slice(offsets[target_type], offsets[target_type] + tgt.num_nodes)
    out.y = torch.zeros(start, dtype=torch.long)
    out.y[sl] = tgt.y
    for key in ('train_mask', 'val_mask', 'test_mask'):
        mask = torch.zeros(start, dtype=torch.bool)
        mask[sl] = tgt[key]
        out[key] = mask
    out.node_type = torch.repeat_interleave(
        torch.arange(len(data.node_types)),
        torch.tensor([data[nt].num_nodes for nt in data.node_types]),
    )
    return out


class BaseHeteroNodeDataset(Dataset):
    """A dataset of length one: a ``HeteroData`` whose ``target_type`` store holds ``y`` and the
    ``train_mask``/``val_mask``/``test_mask`` of the protocol, plus ``target_mask`` for
    ``split``. Subclasses implement :meth:`load_graph`; the graph is cached per class and
    arguments so a config's train/val/test datasets read the files once.

    Args:
        data_root: Folder of the raw files.
        split: ``'train'``, ``'val'``, ``'test'`` or ``'all'``.
        homogeneous: Return the typeless ``Data`` view (:func:`hetero_to_homogeneous`) for
            homogeneous baselines (GCN, MLP) on the same graph, split and labels.
    """

    METAINFO: dict = {}
    TARGET_TYPE: str = ''
    _cache: dict = {}

    def __init__(self, data_root: str = '', split: str = 'train', homogeneous: bool = False):
        if split not in SPLITS:
            raise ValueError(f'split must be one of {SPLITS}, got {split!r}')
        self.data_root = data_root
        self.split = split
        self.homogeneous = homogeneous
        key = (type(self).__name__, self.cache_key(), homogeneous)
        if key not in BaseHeteroNodeDataset._cache:
            BaseHeteroNodeDataset._cache.clear()
            graph = self.load_graph()
            if homogeneous:
                graph = hetero_to_homogeneous(graph, self.TARGET_TYPE)
            BaseHeteroNodeDataset._cache[key] = graph
        self.graph = BaseHeteroNodeDataset._cache[key]

    def cache_key(self) -> tuple:
        """Everything that changes the loaded graph (extend in subclasses)."""
        return (self.data_root,)

    @abstractmethod
    def load_graph(self) -> HeteroData:
        """Read the raw files into a ``HeteroData`` (target type with y and three masks)."""

    @property
    def target_store(self):
        return self.graph if self.homogeneous else self.graph[self.TARGET_TYPE]

    @property
    def metainfo(self) -> dict:
        store = self.target_store
        meta = dict(self.METAINFO, num_classes=int(store.y.max()) + 1, target_type=self.TARGET_TYPE)
        if not self.homogeneous:
            meta['metadata'] = self.graph.metadata()
        return meta

    def __len__(self) -> int:
        return 1

    def __getitem__(self, index: int) -> dict:
        if index != 0:
            raise IndexError(
                f'{type(self).__name__} holds one graph; index {index} is out of range'
            )
        data = copy.copy(self.graph)
        store = data if self.homogeneous else data[self.TARGET_TYPE]
        n = store.num_nodes
        store.target_mask = (
            torch.ones(n, dtype=torch.bool) if self.split == 'all' else store[f'{self.split}_mask']
        )
        return dict(inputs=data, data_samples=GraphDataSample(metainfo=dict(split=self.split)))
