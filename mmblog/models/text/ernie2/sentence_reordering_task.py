"""ERNIE 2.0's sentence reordering (structure-aware)."""

import math

from mmblog.registry import MODELS

from .base_ernie2_task import Ernie2SentenceTask


@MODELS.register_module()
class SentenceReorderingTask(Ernie2SentenceTask):
    """Classify the shuffled order of a paragraph cut into 1..m segments: ``sum_{n<=m} n!``
    classes (9 for m = 3), labels from :func:`reorder_label_space`.

    Examples:
        >>> SentenceReorderingTask(hidden_size=8, max_segments=3).num_classes
        9
    """

    data_format = 'sentence_reordering'

    def __init__(self, hidden_size: int, max_segments: int = 3, loss_weight: float = 1.0):
        super().__init__(
            hidden_size, sum(math.factorial(n) for n in range(1, max_segments + 1)), loss_weight
        )
