from .det_data_preprocessor import DetDataPreprocessor
from .graph_data_preprocessor import GraphDataPreprocessor
from .text_data_preprocessor import TextDataPreprocessor

__all__ = ['DetDataPreprocessor', 'GraphDataPreprocessor', 'TextDataPreprocessor']
