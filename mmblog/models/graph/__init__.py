from .appnp import APPNP
from .base import BaseGraphModel
from .cluster_gcn import ClusterGCN
from .gcn import GCN
from .gft import GraphFourierTransform, difference_operator, post_example_graph
from .node_classifier import NodeClassifier
from .node_cls_head import NodeClsHead
from .node_mlp import NodeMLP
from .ppnp import PPNP, ppr_matrix
from .spectral_filter import SpectralFilter, chebyshev_coefficients, frequency_response

__all__ = [
    'ClusterGCN',
    'GraphFourierTransform',
    'SpectralFilter',
    'chebyshev_coefficients',
    'difference_operator',
    'frequency_response',
    'post_example_graph',
    'APPNP',
    'PPNP',
    'ppr_matrix',
    'GCN',
    'BaseGraphModel',
    'NodeClassifier',
    'NodeClsHead',
    'NodeMLP',
]
from .igmc import IGMC, arr_penalty  # noqa: E402

__all__ += ['IGMC', 'arr_penalty']
from .srgnn import SRGNN, GatedSessionGNN, build_session_graphs  # noqa: E402

__all__ += ['SRGNN', 'GatedSessionGNN', 'build_session_graphs']
from .hgt import HGT, HeteroNodeClassifier, HGTConv, RelTemporalEncoding  # noqa: E402

__all__ += ['HGT', 'HGTConv', 'HeteroNodeClassifier', 'RelTemporalEncoding']
