from .base_node_dataset import BaseNodeDataset, normalize_features
from .collate import graph_collate
from .enclosing_subgraphs import BipartiteCSR, extract_all, extract_enclosing_subgraphs
from .movielens_dataset import MovieLensDataset
from .planetoid_dataset import PlanetoidDataset, read_planetoid, write_planetoid
from .rating_io import read_ratings

__all__ = [
    'BipartiteCSR',
    'MovieLensDataset',
    'extract_all',
    'extract_enclosing_subgraphs',
    'read_ratings',
    'BaseNodeDataset',
    'PlanetoidDataset',
    'graph_collate',
    'normalize_features',
    'read_planetoid',
    'write_planetoid',
]
