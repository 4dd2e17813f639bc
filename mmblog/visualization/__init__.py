from .cls_visualizer import ClsVisualizer
from .det_local_visualizer import DetLocalVisualizer

__all__ = ['ClsVisualizer', 'DetLocalVisualizer']
