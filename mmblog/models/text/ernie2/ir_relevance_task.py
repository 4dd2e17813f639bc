"""ERNIE 2.0's IR relevance (semantic-aware)."""

from mmblog.registry import MODELS

from .base_ernie2_task import Ernie2SentenceTask


@MODELS.register_module()
class IRRelevanceTask(Ernie2SentenceTask):
    """Query (first segment) vs title (second): 0 strongly relevant, 1 weakly, 2 irrelevant.

    Examples:
        >>> IRRelevanceTask(hidden_size=8).num_classes
        3
    """

    data_format = 'ir_relevance'

    def __init__(self, hidden_size: int, loss_weight: float = 1.0):
        super().__init__(hidden_size, 3, loss_weight)
