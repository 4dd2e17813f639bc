from .base_node_dataset import BaseNodeDataset, normalize_features
from .cluster_dataset import ClusterDataset, cluster_collate
from .cluster_partition import MetisClusterData, metis_partition, random_partition
from .collate import graph_collate
from .graphsage_dataset import GraphSAGEDataset, read_graphsage, write_graphsage
from .planetoid_dataset import PlanetoidDataset, read_planetoid, write_planetoid
from .sparse_graph_npz_dataset import (
    SparseGraphNpzDataset,
    ppnp_split,
    read_sparse_graph_npz,
)

__all__ = [
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
