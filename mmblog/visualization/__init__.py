from .cls_visualizer import ClsVisualizer
from .det_local_visualizer import DetLocalVisualizer, show_det_result

__all__ = ['ClsVisualizer', 'DetLocalVisualizer', 'show_det_result']
