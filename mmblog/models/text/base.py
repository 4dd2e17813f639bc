"""The base of text models: owns ``forward(mode)``; models write loss/predict/_forward."""

from abc import abstractmethod

import torch
from mmengine.model import BaseModel

from mmblog.registry import MODELS


class BaseTextModel(BaseModel):
    """Dispatches ``forward(inputs, data_samples, mode)`` for token inputs.

    ``inputs`` is the dict :class:`~mmblog.models.data_preprocessors.TextDataPreprocessor`
    returns (``input_ids``, ``attention_mask``, ``token_type_ids``, ... as (B, L) tensors).

    Args:
        data_preprocessor: Config (default type ``TextDataPreprocessor``) or module; built from
            mmblog's registry so the model also builds outside a runner's default scope.
        init_cfg: mmengine init config.
    """

    def __init__(self, data_preprocessor: dict | None = None, init_cfg: dict | None = None):
        if data_preprocessor is None or isinstance(data_preprocessor, dict):
            cfg = dict(data_preprocessor or {})
            cfg.setdefault('type', 'TextDataPreprocessor')
            data_preprocessor = MODELS.build(cfg)
        super().__init__(data_preprocessor=data_preprocessor, init_cfg=init_cfg)

    def forward(self, inputs: dict, data_samples=None, mode: str = 'tensor'):
        if mode == 'loss':
            return self.loss(inputs, data_samples)
        if mode == 'predict':
            return self.predict(inputs, data_samples)
        if mode == 'tensor':
            return self._forward(inputs, data_samples)
        raise ValueError(f"mode must be 'loss', 'predict' or 'tensor', got {mode!r}")

    @abstractmethod
    def loss(self, inputs: dict, data_samples) -> dict[str, torch.Tensor]:
        """Losses of a batch."""

    @abstractmethod
    def predict(self, inputs: dict, data_samples) -> list:
        """Data samples with predictions."""

    @abstractmethod
    def _forward(self, inputs: dict, data_samples=None):
        """Raw network outputs."""
