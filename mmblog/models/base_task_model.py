"""BaseTaskModel: the ``forward(mode)`` dispatch the per-task base models share."""

from abc import ABCMeta, abstractmethod

import torch
from mmengine.model import BaseModel


class BaseTaskModel(BaseModel, metaclass=ABCMeta):
    """Owns ``forward(inputs, data_samples, mode)``; a model implements the three modes.

    ``mode='loss'`` -> dict of losses (:meth:`loss`), ``'predict'`` -> data samples with
    predictions (:meth:`predict`), ``'tensor'`` -> raw outputs (:meth:`_forward`).
    """

    def forward(self, inputs: torch.Tensor, data_samples=None, mode: str = 'tensor'):
        if mode == 'loss':
            return self.loss(inputs, data_samples)
        if mode == 'predict':
            return self.predict(inputs, data_samples)
        if mode == 'tensor':
            return self._forward(inputs, data_samples)
        raise ValueError(f"mode must be 'loss', 'predict' or 'tensor', got {mode!r}")

    @abstractmethod
    def loss(self, inputs: torch.Tensor, data_samples: list) -> dict:
        """Losses of a batch with ground truth."""

    @abstractmethod
    def predict(self, inputs: torch.Tensor, data_samples: list | None = None) -> list:
        """The data samples, each with its predictions set."""

    @abstractmethod
    def _forward(self, inputs: torch.Tensor, data_samples=None):
        """Raw outputs, without post-processing (``mode='tensor'``)."""
