from .cls_data_sample import ClsDataSample
from .det_data_sample import DetDataSample
from .text_data_sample import TextDataSample

__all__ = ['ClsDataSample', 'DetDataSample', 'TextDataSample']
