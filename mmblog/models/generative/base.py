"""Base of the generative models: owns ``forward(mode)`` so models write loss/predict/_forward."""

from abc import ABCMeta, abstractmethod

from mmengine.model import BaseModel


class BaseGenerativeModel(BaseModel, metaclass=ABCMeta):
    """Dispatches ``forward(inputs, data_samples, mode)`` to ``loss``, ``predict`` or ``_forward``.

    ``mode='loss'`` returns a dict of losses (and logged scalars), ``'predict'`` a list with one
    result per sample, ``'tensor'`` the raw network output.
    """

    def forward(self, inputs, data_samples=None, mode: str = 'tensor'):
        if mode == 'loss':
            return self.loss(inputs, data_samples)
        if mode == 'predict':
            return self.predict(inputs, data_samples)
        if mode == 'tensor':
            return self._forward(inputs, data_samples)
        raise ValueError(f"mode must be 'loss', 'predict' or 'tensor', got {mode!r}")

    @abstractmethod
    def loss(self, inputs, data_samples=None) -> dict:
        """Losses of a batch."""

    @abstractmethod
    def predict(self, inputs, data_samples=None) -> list:
        """One result per sample."""

    @abstractmethod
    def _forward(self, inputs, data_samples=None):
        """The network's raw output."""
