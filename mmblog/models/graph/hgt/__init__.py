from .hetero_node_classifier import HeteroNodeClassifier
from .hgt import HGT, hetero_to_typed
from .hgt_conv import HGTConv
from .rel_temporal_encoding import RelTemporalEncoding, sinusoid_table

__all__ = [
    'HGT',
    'HGTConv',
    'HeteroNodeClassifier',
    'RelTemporalEncoding',
    'hetero_to_typed',
    'sinusoid_table',
]
