"""ERNIE 2.0's capitalization prediction (word-aware)."""

from mmblog.registry import MODELS

from .base_ernie2_task import Ernie2TokenTask


@MODELS.register_module()
class CapitalizationTask(Ernie2TokenTask):
    """Predict, per token of the lower-cased input, whether the word was capitalised (2 classes).

    Examples:
        >>> task = CapitalizationTask(hidden_size=8)
        >>> task.level, task.num_classes
        ('token', 2)
    """

    label_key = 'cap_labels'

    def __init__(self, hidden_size: int, loss_weight: float = 1.0):
        super().__init__(hidden_size, 2, loss_weight)
