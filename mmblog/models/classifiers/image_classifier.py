"""backbone -> neck -> head image classifier."""

import torch
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
        init_cfg: mmengine init config.
    """

    def __init__(
        self,
        head: dict,
        backbone: dict | None = None,
        neck: dict | None = None,
        data_preprocessor: dict | None = None,
        init_cfg: dict | None = None,
    ):
        super().__init__(data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        self.backbone = MODELS.build(backbone) if backbone else None
        self.neck = MODELS.build(neck) if neck else None
        self.head = MODELS.build(head)

    def extract_feat(self, inputs: torch.Tensor):
        x = self.backbone(inputs) if self.backbone is not None else inputs
        return self.neck(x) if self.neck is not None else x

    def forward(self, inputs: torch.Tensor, data_samples=None, mode: str = 'tensor'):
        feats = self.extract_feat(inputs)
        if mode == 'loss':
            return self.head.loss(feats, data_samples)
        if mode == 'predict':
            return self.head.predict(feats, data_samples)
        if mode == 'tensor':
            return self.head(feats)
        raise ValueError(f"mode must be 'loss', 'predict' or 'tensor', got {mode!r}")
