"""Cascade (Mask) R-CNN (Cai & Vasconcelos 2018): a CascadeRoIHead."""

from mmblog.registry import MODELS

from .two_stage import TwoStageDetector


@MODELS.register_module()
class CascadeRCNN(TwoStageDetector):
    """Cascade (Mask) R-CNN (Cai & Vasconcelos 2018): a CascadeRoIHead."""
