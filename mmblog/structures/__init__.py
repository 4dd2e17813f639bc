from .cls_data_sample import ClsDataSample
from .det_data_sample import DetDataSample

__all__ = ['ClsDataSample', 'DetDataSample']
from .temporal import temporal_iou  # noqa: E402

__all__ += ['temporal_iou']
