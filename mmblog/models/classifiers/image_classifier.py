"""backbone -> neck -> head image classifier."""

import torch
import torch.nn as nn
from mmengine.model import BaseModel

from mmblog.registry import MODELS


@MODELS.register_module()
class ImageClassifier(BaseModel):
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

    def forward(self, inputs: torch.Tensor, data_samples=None, mode: str = 'tensor'):
        if mode == 'loss' and len(self.aux_heads):
            backbone_feats = self.backbone(inputs)
            feats = self.neck(backbone_feats) if self.neck is not None else backbone_feats
            losses = self.head.loss(feats, data_samples)
            for i, aux_head in enumerate(self.aux_heads):
                for name, value in aux_head.loss(backbone_feats, data_samples).items():
                    losses[f'{name}_aux{i + 1}'] = value
            return losses
        feats = self.extract_feat(inputs)
        if mode == 'loss':
            return self.head.loss(feats, data_samples)
        if mode == 'predict':
            return self.head.predict(feats, data_samples)
        if mode == 'tensor':
            return self.head(feats)
        raise ValueError(f"mode must be 'loss', 'predict' or 'tensor', got {mode!r}")
