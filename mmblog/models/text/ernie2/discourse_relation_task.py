"""ERNIE 2.0's discourse relation (semantic-aware)."""

from mmblog.registry import MODELS

from .base_ernie2_task import Ernie2SentenceTask


@MODELS.register_module()
class DiscourseRelationTask(Ernie2SentenceTask):
    """Predict the removed connective (the rhetorical relation) of a sentence pair.

    Args:
        num_classes: Number of markers (the dataset's ``markers``).

    Examples:
        >>> DiscourseRelationTask(hidden_size=8, num_classes=3).num_classes
        3
    """

    data_format = 'discourse_relation'

    def __init__(self, hidden_size: int, num_classes: int = 3, loss_weight: float = 1.0):
        super().__init__(hidden_size, num_classes, loss_weight)
