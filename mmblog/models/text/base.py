"""The base of text models: owns ``forward(mode)``; models write loss/predict/_forward."""

from abc import abstractmethod

import torch

from mmblog.registry import MODELS

from ..base_task_model import BaseTaskModel


class BaseTextModel(BaseTaskModel):
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

    @abstractmethod
    def loss(self, inputs: dict, data_samples) -> dict[str, torch.Tensor]:
        """Losses of a batch."""

    @abstractmethod
    def predict(self, inputs: dict, data_samples) -> list:
        """Data samples with predictions."""

    @abstractmethod
    def _forward(self, inputs: dict, data_samples=None):
        """Raw network outputs."""
