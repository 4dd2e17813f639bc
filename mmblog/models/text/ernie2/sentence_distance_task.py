"""ERNIE 2.0's sentence distance (structure-aware)."""

from mmblog.registry import MODELS

from .base_ernie2_task import Ernie2SentenceTask


@MODELS.register_module()
class SentenceDistanceTask(Ernie2SentenceTask):
    """3 classes: 0 the second sentence follows the first, 1 same document, 2 other documents.

    Examples:
        >>> SentenceDistanceTask(hidden_size=8).num_classes
        3
    """

    data_format = 'sentence_distance'

    def __init__(self, hidden_size: int, loss_weight: float = 1.0):
        super().__init__(hidden_size, 3, loss_weight)
