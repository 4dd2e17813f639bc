"""Base of knowledge-graph embedding models: owns the ``forward(mode)`` dispatch."""

from abc import abstractmethod

import torch
from mmengine.model import BaseModel


class BaseKGEModel(BaseModel):
    """A model that scores ``(head, relation, tail)`` triples.

    Inputs are ``dict(triples=(B, 3))`` int64 ``(h, r, t)``, plus ``negatives=(B, K, 3)`` for
    training. Subclasses implement:

    * ``_forward(inputs)``: the scores of ``inputs['triples']`` (higher = more plausible), ``(B,)``;
    * ``loss(inputs)``: a dict of losses;
    * ``predict(inputs)``: per triple, ``dict(triple, head_scores, tail_scores)`` where the score
      rows rate every entity as the missing head or tail (filtered ranking is the metric's job).
    """

    def forward(self, inputs: dict, data_samples=None, mode: str = 'tensor'):
        if mode == 'loss':
            return self.loss(inputs)
        if mode == 'predict':
            return self.predict(inputs)
        if mode == 'tensor':
            return self._forward(inputs)
        raise ValueError(f"mode must be 'loss', 'predict' or 'tensor', got {mode!r}")

    @abstractmethod
    def _forward(self, inputs: dict) -> torch.Tensor:
        """Scores ``(B,)`` of ``inputs['triples']``."""

    @abstractmethod
    def loss(self, inputs: dict) -> dict:
        """Training losses from ``triples`` and ``negatives``."""

    @abstractmethod
    def predict(self, inputs: dict) -> list[dict]:
        """Scores of every entity as the head and as the tail of each triple."""
