"""Faster R-CNN (Ren et al. 2015)."""

from mmblog.registry import MODELS

from .two_stage import TwoStageDetector


@MODELS.register_module()
class FasterRCNN(TwoStageDetector):
    """Faster R-CNN (Ren et al. 2015)."""
