from .base_node_dataset import BaseNodeDataset, normalize_features
from .cluster_dataset import ClusterDataset, cluster_collate
from .cluster_partition import MetisClusterData, metis_partition, random_partition
from .collate import graph_collate
from .enclosing_subgraphs import BipartiteCSR, extract_all, extract_enclosing_subgraphs
from .graphsage_dataset import GraphSAGEDataset, read_graphsage, write_graphsage
from .movielens_dataset import MovieLensDataset
from .planetoid_dataset import PlanetoidDataset, read_planetoid, write_planetoid
from .rating_io import read_ratings
from .sparse_graph_npz_dataset import (
    SparseGraphNpzDataset,
    ppnp_split,
    read_sparse_graph_npz,
)

__all__ = [
    'BipartiteCSR',
    'MovieLensDataset',
    'extract_all',
    'extract_enclosing_subgraphs',
    'read_ratings',
    'BaseNodeDataset',
    'ClusterDataset',
    'MetisClusterData',
    'cluster_collate',
    'metis_partition',
    'random_partition',
    'GraphSAGEDataset',
    'PlanetoidDataset',
    'read_graphsage',
    'write_graphsage',
    'SparseGraphNpzDataset',
    'ppnp_split',
    'read_sparse_graph_npz',
    'graph_collate',
    'normalize_features',
    'read_planetoid',
    'write_planetoid',
]
from .base_hetero_node_dataset import BaseHeteroNodeDataset, hetero_to_homogeneous  # noqa: E402
from .dblp_dataset import DBLPDataset, read_dblp_four_area  # noqa: E402
from .hetero_features import fill_featureless_features  # noqa: E402

__all__ += [
    'BaseHeteroNodeDataset',
    'DBLPDataset',
    'fill_featureless_features',
    'hetero_to_homogeneous',
    'read_dblp_four_area',
]
from .hg_sampling import HGSampler  # noqa: E402

__all__ += ['HGSampler']
from .hetero_features import assign_inductive_times  # noqa: E402
from .ogbn_mag_dataset import OGBNMagDataset, read_ogbn_mag  # noqa: E402

__all__ += ['OGBNMagDataset', 'assign_inductive_times', 'read_ogbn_mag']
