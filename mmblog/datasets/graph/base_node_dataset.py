"""One graph, node-level labels, a train/val/test node split: the transductive setting."""

import copy
from abc import abstractmethod

import torch
from torch.utils.data import Dataset
from torch_geometric.data import Data

from mmblog.structures import GraphDataSample

SPLITS = ('train', 'val', 'test', 'all')


def normalize_features(x: torch.Tensor, mode: str | None, train_mask=None) -> torch.Tensor:
    """Row-normalise (``'l1'``: each row sums to 1, as Planetoid/ppnp pipelines do) or
    standardise with train-node statistics (``'standardize'``, as Cluster-GCN does)."""
    if mode is None:
        return x
    if mode == 'l1':
        if x.is_sparse:
            x = x.coalesce()
            rows = x.indices()[0]
            sums = torch.zeros(x.size(0), dtype=x.dtype).index_add_(0, rows, x.values().abs())
            vals = x.values() / sums.clamp_min(1e-12)[rows]
            return torch.sparse_coo_tensor(x.indices(), vals, x.shape).coalesce()
        return x / x.abs().sum(dim=1, keepdim=True).clamp_min(1e-12)
    if mode == 'standardize':
        dense = x.to_dense() if x.is_sparse else x
        ref = dense[train_mask] if train_mask is not None else dense
        mean, std = ref.mean(0), ref.std(0, unbiased=False)
        return (dense - mean) / torch.where(std > 0, std, torch.ones_like(std))
    raise ValueError(f"normalize_features must be None, 'l1' or 'standardize', got {mode!r}")


_normalize = normalize_features


class BaseNodeDataset(Dataset):
    """A dataset of length one: the whole graph, scored on the nodes of ``split``.

    Every item is ``{'inputs': Data, 'data_samples': GraphDataSample}``. The ``Data`` carries
    ``x``, ``edge_index``, ``y`` and the ``train_mask``/``val_mask``/``test_mask`` of the split
    protocol, plus ``target_mask``: the mask of ``split`` (all nodes for ``'all'``). One
    training "epoch" is then one full-graph step and validation scores the val mask, in mmengine's
    own loops. Subclasses implement :meth:`load_graph`; the loaded graph is cached per class and
    arguments, so the train/val/test datasets of one config read the files once.

    Args:
        data_root: Folder of the raw files.
        split: ``'train'``, ``'val'``, ``'test'`` or ``'all'``.
        normalize_features: ``None``, ``'l1'`` (row sums 1) or ``'standardize'`` (train-node
            mean/std).
        sparse_features: Keep ``x`` as a sparse CSR tensor (bag-of-words features are ~1%
            dense; the first layer then runs a sparse matmul).
    """

    METAINFO: dict = {}
    _cache: dict = {}

    def __init__(
        self,
        data_root: str = '',
        split: str = 'train',
        normalize_features: str | None = None,
        sparse_features: bool = False,
    ):
        if split not in SPLITS:
            raise ValueError(f'split must be one of {SPLITS}, got {split!r}')
        self.data_root = data_root
        self.split = split
        self.normalize = normalize_features
        self.sparse_features = sparse_features
        key = (type(self).__name__, self.cache_key())
        if key not in BaseNodeDataset._cache:
            # One graph per process is the common case; keep the cache from growing unbounded.
            BaseNodeDataset._cache.clear()
            graph = self.load_graph()
            x = graph.x
            if x is not None:
                if x.layout == torch.sparse_csr:
                    x = x.to_sparse_coo()
                if self.normalize == 'standardize' or not self.sparse_features:
                    x = x.to_dense() if x.is_sparse else x
                elif not x.is_sparse:
                    x = x.to_sparse()
                x = _normalize(x, self.normalize, graph.get('train_mask'))
                graph.x = x.to_sparse_csr() if x.is_sparse else x
            BaseNodeDataset._cache[key] = graph
        self.graph: Data = BaseNodeDataset._cache[key]

    def cache_key(self) -> tuple:
        """Everything that changes the loaded graph (extend in subclasses)."""
        return (self.data_root, self.normalize, self.sparse_features)

    @abstractmethod
    def load_graph(self) -> Data:
        """Read the raw files into a ``Data`` with x, edge_index, y and the three masks."""

    @property
    def metainfo(self) -> dict:
        y = self.graph.y
        num_classes = y.size(1) if y.dim() == 2 else int(y.max()) + 1
        return dict(
            self.METAINFO,
            num_classes=num_classes,
            num_features=self.graph.num_features,
            multilabel=y.dim() == 2,
        )

    def __len__(self) -> int:
        return 1

    def __getitem__(self, index: int) -> dict:
        if index != 0:
            raise IndexError(
                f'{type(self).__name__} holds one graph; index {index} is out of range'
            )
        # A shallow copy shares every tensor; only the target mask differs per split.
        data = copy.copy(self.graph)
        if self.split == 'all':
            data.target_mask = torch.ones(data.num_nodes, dtype=torch.bool)
        else:
            data.target_mask = self.graph[f'{self.split}_mask']
        return dict(inputs=data, data_samples=GraphDataSample(metainfo=dict(split=self.split)))
