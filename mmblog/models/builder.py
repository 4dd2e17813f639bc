"""MMDetection's ``builder`` aliases, so user modules written for it import unchanged.

Seed 001's custom neck starts with ``from ..builder import NECKS``; MMDetection 3.x keeps these
names as aliases of the one ``MODELS`` registry, and so does mmblog.
"""

from mmblog.registry import MODELS

BACKBONES = MODELS
NECKS = MODELS
ROI_EXTRACTORS = MODELS
SHARED_HEADS = MODELS
HEADS = MODELS
LOSSES = MODELS
DETECTORS = MODELS
CLASSIFIERS = MODELS


def build_backbone(cfg):
    """Build a backbone from its config dict."""
    return MODELS.build(cfg)


def build_neck(cfg):
    """Build a neck from its config dict."""
    return MODELS.build(cfg)


def build_head(cfg):
    """Build a head from its config dict."""
    return MODELS.build(cfg)


def build_loss(cfg):
    """Build a loss from its config dict."""
    return MODELS.build(cfg)


def build_detector(cfg, train_cfg=None, test_cfg=None):
    """Build a detector; 2.x passed ``train_cfg``/``test_cfg`` separately, 3.x keeps them inside."""
    if train_cfg is not None or test_cfg is not None:
        raise TypeError(
            'build_detector: put train_cfg/test_cfg inside the model config (MMDetection 3.x '
            'spelling), not as arguments'
        )
    return MODELS.build(cfg)


__all__ = [
    'BACKBONES',
    'NECKS',
    'ROI_EXTRACTORS',
    'SHARED_HEADS',
    'HEADS',
    'LOSSES',
    'DETECTORS',
    'CLASSIFIERS',
    'build_backbone',
    'build_neck',
    'build_head',
    'build_loss',
    'build_detector',
]
