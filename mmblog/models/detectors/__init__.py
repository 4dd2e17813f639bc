from .two_stage import CascadeRCNN, FasterRCNN, MaskRCNN, TwoStageDetector

__all__ = ['CascadeRCNN', 'FasterRCNN', 'MaskRCNN', 'TwoStageDetector']
