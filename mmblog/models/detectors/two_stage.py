"""Two-stage detectors: backbone -> neck -> RPN -> RoI head."""

import copy

import numpy as np
import torch
from mmengine.model import BaseModel

from mmblog.registry import MODELS


@MODELS.register_module()
class TwoStageDetector(BaseModel):
    """R-CNN family detector assembled from registered parts.

    Args:
        backbone, neck, rpn_head, roi_head: Part configs.
        train_cfg: ``dict(rpn=..., rpn_proposal=..., rcnn=...)`` (MMDetection's layout).
        test_cfg: ``dict(rpn=..., rcnn=...)``.
        data_preprocessor: ``DetDataPreprocessor`` config.

    ``forward(inputs, data_samples, mode)``: ``'loss'`` -> dict of losses, ``'predict'`` ->
    data samples with ``pred_instances`` (boxes/masks in the original image), ``'tensor'`` ->
    the RPN's raw outputs and the neck features.
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

    def forward(self, inputs: torch.Tensor, data_samples=None, mode: str = 'tensor'):
        if mode == 'loss':
            return self.loss(inputs, data_samples)
        if mode == 'predict':
            return self.predict(inputs, data_samples)
        if mode == 'tensor':
            feats = self.extract_feat(inputs)
            return feats, self.rpn_head(feats)
        raise ValueError(f"mode must be 'loss', 'predict' or 'tensor', got {mode!r}")

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

    def show_result(
        self,
        img,
        result,
        score_thr: float = 0.3,
        show: bool = False,
        wait_time: float = 0,
        out_file: str | None = None,
        win_name: str = 'result',
    ) -> np.ndarray:
        """Draw ``result`` (from ``inference_detector``) on ``img`` (path or BGR array).

        MMDetection 2.x's ``model.show_result``: shows it in a window when ``show``, writes
        ``out_file`` when given, and returns the drawn BGR image.
        """
        import mmcv

        from mmblog.visualization import DetLocalVisualizer

        image = mmcv.imread(img)
        if image is None:
            raise FileNotFoundError(f'could not read image {img!r}')
        vis = DetLocalVisualizer.get_instance(f'show_result_{id(self)}')
        vis.dataset_meta = getattr(self, 'dataset_meta', None)
        drawn = vis.add_datasample(
            win_name,
            mmcv.bgr2rgb(image),
            data_sample=result,
            draw_gt=False,
            show=show,
            wait_time=wait_time,
            out_file=out_file,
            pred_score_thr=score_thr,
        )
        return np.ascontiguousarray(drawn[..., ::-1])


@MODELS.register_module()
class FasterRCNN(TwoStageDetector):
    """Faster R-CNN (Ren et al. 2015)."""


@MODELS.register_module()
class MaskRCNN(TwoStageDetector):
    """Mask R-CNN (He et al. 2017): Faster R-CNN plus a mask branch in the RoI head."""


@MODELS.register_module()
class CascadeRCNN(TwoStageDetector):
    """Cascade (Mask) R-CNN (Cai & Vasconcelos 2018): a CascadeRoIHead."""
