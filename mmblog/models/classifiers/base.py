"""BaseClassifier: the base model of image classification."""

from abc import abstractmethod

import torch

from ..base_task_model import BaseTaskModel


class BaseClassifier(BaseTaskModel):
    """Base of all classifiers (``forward(mode)`` from :class:`BaseTaskModel`).

    ``predict`` sets ``pred_label``/``pred_score``; ``mode='tensor'`` gives the logits.
    """

    @abstractmethod
    def extract_feat(self, inputs: torch.Tensor):
        """Features the head reads."""
