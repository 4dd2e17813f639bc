"""A one-output linear head for binary classification with a margin-based loss."""

import torch
import torch.nn as nn
from mmengine.model import BaseModule

from mmblog.registry import MODELS
from mmblog.structures import ClsDataSample


@MODELS.register_module()
class BinaryClsHead(BaseModule):
    """``f(x) = w . x + b``; trained with ``loss(f(x), y)`` for any margin loss (``v = y f(x)``).

    Predictions carry ``pred_score = [1 - s, s]`` with ``s = sigmoid(f(x))``, so class 1 is
    predicted exactly when ``f(x) > 0`` and the usual accuracy metrics apply.

    Args:
        in_channels: Size of the (flattened) input feature.
        loss: A margin loss config, e.g. ``dict(type='L1HingeLoss')``.
    """

    num_classes = 2

    def __init__(self, in_channels: int, loss: dict | None = None, init_cfg=None):
        super().__init__(init_cfg=init_cfg or dict(type='Normal', layer='Linear', std=0.01))
        self.fc = nn.Linear(in_channels, 1)
        self.loss_module = MODELS.build(loss or dict(type='LogitMarginLoss'))

    def forward(self, feats) -> torch.Tensor:
        x = feats[-1] if isinstance(feats, (tuple, list)) else feats
        return self.fc(x.flatten(1)).squeeze(1)

    def loss(self, feats, data_samples: list[ClsDataSample]) -> dict:
        scores = self(feats)
        target = torch.cat([s.gt_label for s in data_samples]).to(scores.device)
        if target.numel() and (target.min() < 0 or target.max() > 1):
            raise ValueError(
                'BinaryClsHead needs labels 0/1; wrap the dataset in '
                'ClassGroupDataset to make a two-class problem'
            )
        return dict(loss=self.loss_module(scores, target))

    def predict(self, feats, data_samples: list[ClsDataSample] | None = None):
        prob = torch.sigmoid(self(feats))
        scores = torch.stack([1 - prob, prob], dim=1)
        if data_samples is None:
            data_samples = [ClsDataSample() for _ in range(scores.size(0))]
        for sample, score in zip(data_samples, scores):
            sample.set_pred_score(score.detach())
        return data_samples
