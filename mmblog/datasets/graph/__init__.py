from .base_node_dataset import BaseNodeDataset, normalize_features
from .collate import graph_collate
from .planetoid_dataset import PlanetoidDataset, read_planetoid, write_planetoid

__all__ = [
    'BaseNodeDataset',
    'PlanetoidDataset',
    'graph_collate',
    'normalize_features',
    'read_planetoid',
    'write_planetoid',
]
