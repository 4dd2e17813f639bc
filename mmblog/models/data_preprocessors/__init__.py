from .det_data_preprocessor import DetDataPreprocessor
from .graph_data_preprocessor import GraphDataPreprocessor

__all__ = ['DetDataPreprocessor', 'GraphDataPreprocessor']
