from .igmc import IGMC, arr_penalty
from .sparse_rgcn_conv import SparseRGCNConv, relation_adjacency

__all__ = ['IGMC', 'SparseRGCNConv', 'arr_penalty', 'relation_adjacency']
