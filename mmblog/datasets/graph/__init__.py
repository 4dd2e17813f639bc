from .base_node_dataset import BaseNodeDataset, normalize_features
from .cluster_dataset import ClusterDataset, cluster_collate
from .cluster_partition import MetisClusterData, metis_partition, random_partition
from .collate import graph_collate
from .enclosing_subgraphs import (
    BipartiteCSR,
    extract_all,
    extract_enclosing_subgraphs,
    subgraph_edges,
)
from .graphsage_dataset import GraphSAGEDataset, read_graphsage, write_graphsage
from .monti_mat_dataset import MontiMatDataset
from .movielens_dataset import MovieLensDataset
from .planetoid_dataset import PlanetoidDataset, read_planetoid, write_planetoid
from .rating_io import read_monti_mat, read_ratings
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
    'MontiMatDataset',
    'read_monti_mat',
    'subgraph_edges',
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
from .session_clicks import (  # noqa: E402
    augment,
    convert_diginetica,
    convert_yoochoose,
    preprocess_sessions,
    read_diginetica_clicks,
    read_session_pairs,
    read_yoochoose_clicks,
)
from .session_clicks_dataset import SessionClicksDataset  # noqa: E402
from .session_collate import session_collate  # noqa: E402

__all__ += [
    'SessionClicksDataset',
    'augment',
    'convert_diginetica',
    'convert_yoochoose',
    'preprocess_sessions',
    'read_diginetica_clicks',
    'read_session_pairs',
    'read_yoochoose_clicks',
    'session_collate',
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
