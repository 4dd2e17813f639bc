"""backbone -> neck -> head image classifier."""

import torch
import torch.nn as nn

from mmblog.registry import MODELS

from .base import BaseClassifier


@MODELS.register_module()
class ImageClassifier(BaseClassifier):
    """An image classifier built from registered parts.

    Args:
        head: Config of the classification head (required).
        backbone: Optional backbone config; without one the head sees the normalised pixels
            (softmax regression).
        neck: Optional neck config (e.g. global average pooling).
        data_preprocessor: Batch normalisation/stacking config.
        aux_heads: Optional auxiliary head configs (GoogLeNet, Inception v3). Each reads the raw
            backbone output ``feats[head.in_index]`` and adds its own weighted loss
            (``loss_aux{i}``) in training; prediction uses the main head only.
        init_cfg: mmengine init config.
    """

    def __init__(
        self,
        head: dict,
        backbone: dict | None = None,
        neck: dict | None = None,
        data_preprocessor: dict | None = None,
        aux_heads: list[dict] | None = None,
        init_cfg: dict | None = None,
    ):
        super().__init__(data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        self.backbone = MODELS.build(backbone) if backbone else None
        self.neck = MODELS.build(neck) if neck else None
        self.head = MODELS.build(head)
        if aux_heads and self.backbone is None:
            raise ValueError('aux_heads read backbone outputs; the classifier has no backbone')
        self.aux_heads = nn.ModuleList([MODELS.build(h) for h in aux_heads or []])

    def extract_feat(self, inputs: torch.Tensor):
        x = self.backbone(inputs) if self.backbone is not None else inputs
        return self.neck(x) if self.neck is not None else x

    def loss(self, inputs: torch.Tensor, data_samples: list) -> dict:
        if not len(self.aux_heads):
            return self.head.loss(self.extract_feat(inputs), data_samples)
        backbone_feats = self.backbone(inputs)
        feats = self.neck(backbone_feats) if self.neck is not None else backbone_feats
        losses = self.head.loss(feats, data_samples)
        for i, aux_head in enumerate(self.aux_heads):
            for name, value in aux_head.loss(backbone_feats, data_samples).items():
                losses[f'{name}_aux{i + 1}'] = value
        return losses

    def predict(self, inputs: torch.Tensor, data_samples: list | None = None) -> list:
        return self.head.predict(self.extract_feat(inputs), data_samples)

    def _forward(self, inputs: torch.Tensor, data_samples=None) -> torch.Tensor:
        return self.head(self.extract_feat(inputs))
