"""BaseClassifier: the ``forward(mode)`` dispatch every classifier shares."""

from abc import ABCMeta, abstractmethod

import torch
from mmengine.model import BaseModel


class BaseClassifier(BaseModel, metaclass=ABCMeta):
    """Base of all classifiers: owns ``forward(inputs, data_samples, mode)``.

    ``mode='loss'`` -> dict of losses (:meth:`loss`), ``'predict'`` -> data samples with
    ``pred_label``/``pred_score`` (:meth:`predict`), ``'tensor'`` -> logits (:meth:`_forward`).
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
    def extract_feat(self, inputs: torch.Tensor):
        """Features the head reads."""

    @abstractmethod
    def loss(self, inputs: torch.Tensor, data_samples: list) -> dict:
        """Losses of a labelled batch."""

    @abstractmethod
    def predict(self, inputs: torch.Tensor, data_samples: list | None = None) -> list:
        """Data samples with the predicted label and scores."""

    @abstractmethod
    def _forward(self, inputs: torch.Tensor, data_samples=None) -> torch.Tensor:
        """Raw logits (``mode='tensor'``)."""
