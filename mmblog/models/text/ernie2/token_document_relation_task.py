"""ERNIE 2.0's token-document relation prediction (word-aware)."""

from mmblog.registry import MODELS

from .base_ernie2_task import Ernie2TokenTask


@MODELS.register_module()
class TokenDocumentRelationTask(Ernie2TokenTask):
    """Predict, per token of a segment, whether the word also occurs in another segment of its
    document (2 classes): frequent words and the document's keywords do.

    Examples:
        >>> TokenDocumentRelationTask(hidden_size=8).num_classes
        2
    """

    label_key = 'tdr_labels'

    def __init__(self, hidden_size: int, loss_weight: float = 1.0):
        super().__init__(hidden_size, 2, loss_weight)
