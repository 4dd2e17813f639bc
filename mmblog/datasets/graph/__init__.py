from .base_node_dataset import BaseNodeDataset, normalize_features
from .collate import graph_collate
from .planetoid_dataset import PlanetoidDataset, read_planetoid, write_planetoid
from .sparse_graph_npz_dataset import (
    SparseGraphNpzDataset,
    ppnp_split,
    read_sparse_graph_npz,
)

__all__ = [
    'BaseNodeDataset',
    'PlanetoidDataset',
    'SparseGraphNpzDataset',
    'ppnp_split',
    'read_sparse_graph_npz',
    'graph_collate',
    'normalize_features',
    'read_planetoid',
    'write_planetoid',
]
