from .base import BaseClassifier
from .image_classifier import ImageClassifier

__all__ = ['BaseClassifier', 'ImageClassifier']
