from .cls_visualizer import ClsVisualizer

__all__ = ['ClsVisualizer']
