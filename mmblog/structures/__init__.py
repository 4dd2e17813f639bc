from .cls_data_sample import ClsDataSample
from .det_data_sample import DetDataSample

__all__ = ['ClsDataSample', 'DetDataSample']
