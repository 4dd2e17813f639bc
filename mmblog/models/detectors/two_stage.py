"""Two-stage detectors: backbone -> neck -> RPN -> RoI head."""

import copy

import torch

from mmblog.registry import MODELS

from .base import BaseDetector


@MODELS.register_module()
class TwoStageDetector(BaseDetector):
    """R-CNN family detector assembled from registered parts.

    Args:
        backbone, neck, rpn_head, roi_head: Part configs.
        train_cfg: ``dict(rpn=..., rpn_proposal=..., rcnn=...)`` (MMDetection's layout).
        test_cfg: ``dict(rpn=..., rcnn=...)``.
        data_preprocessor: ``DetDataPreprocessor`` config.

    ``predict`` gives boxes/masks in the original image; ``mode='tensor'`` gives the neck
    features and the RPN's raw outputs.
    """

    def __init__(
        self,
        backbone: dict,
        rpn_head: dict,
        roi_head: dict,
        neck: dict | None = None,
        train_cfg: dict | None = None,
        test_cfg: dict | None = None,
        data_preprocessor: dict | None = None,
        init_cfg=None,
    ):
        super().__init__(
            data_preprocessor=data_preprocessor or dict(type='DetDataPreprocessor'),
            init_cfg=init_cfg,
        )
        self.backbone = MODELS.build(backbone)
        self.neck = MODELS.build(neck) if neck else None
        train_cfg = train_cfg or {}
        test_cfg = test_cfg or {}
        rpn_head = copy.deepcopy(rpn_head)
        rpn_head.update(
            train_cfg=train_cfg.get('rpn'),
            test_cfg=test_cfg.get('rpn'),
            proposal_cfg=train_cfg.get('rpn_proposal'),
        )
        self.rpn_head = MODELS.build(rpn_head)
        roi_head = copy.deepcopy(roi_head)
        roi_head.update(train_cfg=train_cfg.get('rcnn'), test_cfg=test_cfg.get('rcnn'))
        self.roi_head = MODELS.build(roi_head)
        self.train_cfg = train_cfg
        self.test_cfg = test_cfg

    @property
    def with_mask(self) -> bool:
        return self.roi_head.with_mask

    def extract_feat(self, inputs: torch.Tensor) -> tuple:
        x = self.backbone(inputs)
        return self.neck(x) if self.neck is not None else x

    def _forward(self, inputs: torch.Tensor, data_samples=None) -> tuple:
        feats = self.extract_feat(inputs)
        return feats, self.rpn_head(feats)

    def loss(self, inputs: torch.Tensor, data_samples: list) -> dict:
        feats = self.extract_feat(inputs)
        losses, proposals = self.rpn_head.loss_and_predict(feats, data_samples)
        losses.update(self.roi_head.loss(feats, proposals, data_samples))
        return losses

    def predict(self, inputs: torch.Tensor, data_samples: list, rescale: bool = True) -> list:
        feats = self.extract_feat(inputs)
        proposals = self.rpn_head.predict(feats, data_samples)
        results = self.roi_head.predict(feats, proposals, data_samples, rescale=rescale)
        for sample, res in zip(data_samples, results):
            sample.pred_instances = res
        return data_samples
