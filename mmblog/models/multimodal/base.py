"""The base of every multimodal (video/image + text) model: it owns ``forward(mode)``."""

from abc import abstractmethod

from ..base_task_model import BaseTaskModel


class BaseMultimodalModel(BaseTaskModel):
    """Dispatch ``forward(inputs, data_samples, mode)`` to ``loss``, ``predict`` or ``_forward``.

    ``inputs`` is a dict of tensors (``video``, ``text``, token ids, ...); ``data_samples`` a
    dict of per-sample targets and ids. A model implements the three methods only.
    """

    @abstractmethod
    def loss(self, inputs: dict, data_samples: dict | None = None) -> dict:
        """A dict of named losses (and logged scalars)."""

    @abstractmethod
    def predict(self, inputs: dict, data_samples: dict | None = None) -> list[dict]:
        """One dict of predictions per sample, for the metrics."""

    @abstractmethod
    def _forward(self, inputs: dict, data_samples: dict | None = None):
        """The raw network outputs."""
