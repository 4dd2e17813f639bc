"""Box classification/regression head on pooled RoI features (two shared FC layers)."""

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmengine.model import BaseModule
from mmengine.structures import InstanceData
from torchvision.ops import boxes as box_ops

from mmblog.registry import MODELS, TASK_UTILS

from ...task_modules.nms import nms_iou


@MODELS.register_module()
class Shared2FCBBoxHead(BaseModule):
    """flatten -> fc+ReLU -> fc+ReLU -> (``fc_cls``: C+1 scores, ``fc_reg``: 4C or 4 deltas).

    Labels are 0..C-1 with background ``C`` (MMDetection's convention).

    Args:
        in_channels: Channels of the pooled features.
        fc_out_channels: Width of the two shared FC layers (1024).
        roi_feat_size: Pooled size (7).
        num_classes: Foreground classes.
        bbox_coder: TASK_UTILS box coder config.
        reg_class_agnostic: One box per RoI instead of one per class (Cascade R-CNN).
        loss_cls, loss_bbox: Loss configs.
    """

    def __init__(
        self,
        in_channels: int = 256,
        fc_out_channels: int = 1024,
        roi_feat_size: int = 7,
        num_classes: int = 80,
        bbox_coder: dict | None = None,
        reg_class_agnostic: bool = False,
        loss_cls: dict | None = None,
        loss_bbox: dict | None = None,
        init_cfg=None,
    ):
        super().__init__(
            init_cfg=init_cfg
            or [
                dict(
                    type='Xavier',
                    layer='Linear',
                    distribution='uniform',
                    override=dict(name='shared_fcs'),
                ),
                dict(type='Normal', std=0.01, override=dict(name='fc_cls')),
                dict(type='Normal', std=0.001, override=dict(name='fc_reg')),
            ]
        )
        self.num_classes = num_classes
        self.reg_class_agnostic = reg_class_agnostic
        self.bbox_coder = TASK_UTILS.build(
            bbox_coder or dict(type='DeltaXYWHBBoxCoder', target_stds=[0.1, 0.1, 0.2, 0.2])
        )
        self.loss_cls = MODELS.build(loss_cls or dict(type='CrossEntropyLoss'))
        self.loss_bbox = MODELS.build(loss_bbox or dict(type='L1Loss'))
        flat = in_channels * roi_feat_size * roi_feat_size
        self.shared_fcs = nn.ModuleList(
            [nn.Linear(flat, fc_out_channels), nn.Linear(fc_out_channels, fc_out_channels)]
        )
        self.fc_cls = nn.Linear(fc_out_channels, num_classes + 1)
        self.fc_reg = nn.Linear(fc_out_channels, 4 if reg_class_agnostic else 4 * num_classes)

    def forward(self, x: torch.Tensor) -> tuple:
        x = x.flatten(1)
        for fc in self.shared_fcs:
            x = F.relu(fc(x))
        return self.fc_cls(x), self.fc_reg(x)

    def loss(self, cls_score, bbox_pred, labels, bbox_targets, pos_mask) -> dict:
        """CE over all sampled RoIs; box loss over positives, averaged over all sampled."""
        losses = dict(loss_cls=self.loss_cls(cls_score, labels))
        pos = torch.where(pos_mask)[0]
        deltas = bbox_pred.view(bbox_pred.shape[0], bbox_pred.shape[1] // 4, 4)
        cls_idx = torch.zeros_like(pos) if self.reg_class_agnostic else labels[pos]
        losses['loss_bbox'] = self.loss_bbox(
            deltas[pos, cls_idx], bbox_targets, avg_factor=labels.numel()
        )
        with torch.no_grad():
            losses['acc'] = (cls_score.argmax(1) == labels).float().mean() * 100
        return losses

    def decode(self, boxes: torch.Tensor, bbox_pred: torch.Tensor, img_shape) -> torch.Tensor:
        """Boxes (K, C or 1, 4) from RoIs and deltas, clipped to ``img_shape``."""
        out = self.bbox_coder.decode(boxes, bbox_pred).view(
            boxes.shape[0], bbox_pred.shape[1] // 4, 4
        )
        return box_ops.clip_boxes_to_image(out, tuple(img_shape[:2]))

    def postprocess(self, boxes: torch.Tensor, scores: torch.Tensor, cfg: dict) -> InstanceData:
        """Per-class score threshold, tiny-box removal, per-class NMS, top ``max_per_img``.

        ``boxes`` (K, C or 1, 4), ``scores`` (K, C+1) probabilities (background last).
        """
        num_classes = self.num_classes
        scores = scores[:, :num_classes]
        if boxes.shape[1] == 1:
            boxes = boxes.expand(-1, num_classes, 4)
        labels = torch.arange(num_classes, device=scores.device).view(1, -1).expand_as(scores)
        boxes, scores, labels = boxes.reshape(-1, 4), scores.reshape(-1), labels.reshape(-1)
        inds = torch.where(scores > cfg.get('score_thr', 0.05))[0]
        boxes, scores, labels = boxes[inds], scores[inds], labels[inds]
        keep = box_ops.remove_small_boxes(boxes, min_size=1e-2)
        boxes, scores, labels = boxes[keep], scores[keep], labels[keep]
        keep = box_ops.batched_nms(boxes, scores, labels, nms_iou(cfg, 0.5))
        keep = keep[: cfg.get('max_per_img', 100)]
        return InstanceData(bboxes=boxes[keep], scores=scores[keep], labels=labels[keep])
