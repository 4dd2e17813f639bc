"""A linear classification head: logits = W x + b."""

import torch
import torch.nn as nn
from mmengine.model import BaseModule

from mmblog.registry import MODELS
from mmblog.structures import ClsDataSample


@MODELS.register_module()
class LinearClsHead(BaseModule):
    """Fully connected layer to ``num_classes`` logits, with loss and prediction helpers.

    Multi-level features (tuples) use their last level; inputs with more than two dimensions are
    flattened, so the head alone is softmax regression on raw pixels.

    Args:
        num_classes: Number of classes.
        in_channels: Size of the (flattened) input feature.
        loss: Config of the classification loss.
        dropout: Dropout probability before the linear layer.
        init_cfg: mmengine init config; ``Constant`` 0 reproduces the seed's zero-initialised W, b.
        train_accuracy: Also return the mini-batch's top-1 accuracy (``accuracy``, no gradient)
            from ``loss``, so the logger writes it every ``interval`` iterations next to the loss
            (seed 003 logs cost and accuracy per mini-batch to TensorBoard).
    """

    def __init__(
        self,
        num_classes: int,
        in_channels: int,
        loss: dict | None = None,
        dropout: float = 0.0,
        init_cfg: dict | list | None = None,
        train_accuracy: bool = False,
    ):
        super().__init__(init_cfg=init_cfg or dict(type='Normal', layer='Linear', std=0.01))
        if num_classes <= 0:
            raise ValueError(f'num_classes must be positive, got {num_classes}')
        self.num_classes = num_classes
        self.dropout = nn.Dropout(dropout) if dropout > 0 else nn.Identity()
        self.fc = nn.Linear(in_channels, num_classes)
        self.loss_module = MODELS.build(loss or dict(type='CrossEntropyLoss'))
        self.train_accuracy = train_accuracy

    def forward(self, feats) -> torch.Tensor:
        x = feats[-1] if isinstance(feats, (tuple, list)) else feats
        return self.fc(self.dropout(x.flatten(1)))

    def loss(self, feats, data_samples: list[ClsDataSample]) -> dict:
        logits = self(feats)
        target = torch.cat([s.gt_label for s in data_samples]).to(logits.device)
        losses = dict(loss=self.loss_module(logits, target))
        if self.train_accuracy:
            # not a loss (no 'loss' in the key): mmengine logs it without adding it to the sum
            losses['accuracy'] = (logits.detach().argmax(-1) == target).float().mean()
        return losses

    def predict(self, feats, data_samples: list[ClsDataSample] | None = None):
        scores = self(feats).softmax(dim=-1)
        if data_samples is None:
            data_samples = [ClsDataSample() for _ in range(scores.size(0))]
        for sample, score in zip(data_samples, scores):
            sample.set_pred_score(score.detach())
        return data_samples
