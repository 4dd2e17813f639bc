from .base import BaseDetector
from .cascade_rcnn import CascadeRCNN
from .faster_rcnn import FasterRCNN
from .mask_rcnn import MaskRCNN
from .two_stage import TwoStageDetector

__all__ = ['BaseDetector', 'CascadeRCNN', 'FasterRCNN', 'MaskRCNN', 'TwoStageDetector']
