"""The base of every multimodal (video/image + text) model: it owns ``forward(mode)``."""

from abc import abstractmethod

from mmengine.model import BaseModel


class BaseMultimodalModel(BaseModel):
    """Dispatch ``forward(inputs, data_samples, mode)`` to ``loss``, ``predict`` or ``_forward``.

    ``inputs`` is a dict of tensors (``video``, ``text``, token ids, ...); ``data_samples`` a
    dict of per-sample targets and ids. A model implements the three methods only.
    """

    def forward(self, inputs: dict, data_samples: dict | None = None, mode: str = 'tensor'):
        if mode == 'loss':
            return self.loss(inputs, data_samples)
        if mode == 'predict':
            return self.predict(inputs, data_samples)
        if mode == 'tensor':
            return self._forward(inputs, data_samples)
        raise ValueError(f"mode must be 'loss', 'predict' or 'tensor', got {mode!r}")

    @abstractmethod
    def loss(self, inputs: dict, data_samples: dict | None = None) -> dict:
        """A dict of named losses (and logged scalars)."""

    @abstractmethod
    def predict(self, inputs: dict, data_samples: dict | None = None) -> list[dict]:
        """One dict of predictions per sample, for the metrics."""

    @abstractmethod
    def _forward(self, inputs: dict, data_samples: dict | None = None):
        """The raw network outputs."""
