from .det_data_preprocessor import DetDataPreprocessor
from .text_data_preprocessor import TextDataPreprocessor

__all__ = ['DetDataPreprocessor', 'TextDataPreprocessor']
