"""Mask R-CNN (He et al. 2017): Faster R-CNN plus a mask branch in the RoI head."""

from mmblog.registry import MODELS

from .two_stage import TwoStageDetector


@MODELS.register_module()
class MaskRCNN(TwoStageDetector):
    """Mask R-CNN (He et al. 2017): Faster R-CNN plus a mask branch in the RoI head."""
