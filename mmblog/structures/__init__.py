from .cls_data_sample import ClsDataSample
from .det_data_sample import DetDataSample
from .graph_data_sample import GraphDataSample
from .text_data_sample import TextDataSample

__all__ = ['ClsDataSample', 'DetDataSample', 'GraphDataSample', 'TextDataSample']
from .temporal import temporal_iou  # noqa: E402

__all__ += ['temporal_iou']
