"""Region Proposal Network head (Ren et al. 2015), torchvision's algorithm step for step."""

import torch
import torch.nn as nn
from mmengine.model import BaseModule
from torchvision.ops import boxes as box_ops

from mmblog.registry import MODELS, TASK_UTILS

from ..task_modules.nms import nms_iou


def _cfg_get(cfg, key, default=None):
    if cfg is None:
        return default
    return cfg.get(key, default)


@MODELS.register_module()
class RPNHead(BaseModule):
    """3x3 conv + ReLU, then per-anchor objectness (sigmoid) and box deltas on every level.

    Args:
        in_channels: Channels of the input feature maps.
        feat_channels: Channels of the shared 3x3 conv.
        num_classes: Must be 1 (objectness).
        anchor_generator, bbox_coder: TASK_UTILS configs.
        loss_cls: Sigmoid ``CrossEntropyLoss`` config; loss_bbox: ``L1Loss``/``SmoothL1Loss``.
        train_cfg: ``assigner``, ``sampler`` (and MMDetection's unused keys).
        test_cfg: ``nms_pre`` (per level), ``max_per_img``, ``nms=dict(iou_threshold)``,
            ``min_bbox_size``; ``proposal_cfg`` (the same keys) is used while training.
    """

    def __init__(
        self,
        in_channels: int,
        feat_channels: int = 256,
        num_classes: int = 1,
        anchor_generator: dict | None = None,
        bbox_coder: dict | None = None,
        loss_cls: dict | None = None,
        loss_bbox: dict | None = None,
        train_cfg: dict | None = None,
        test_cfg: dict | None = None,
        proposal_cfg: dict | None = None,
        init_cfg=None,
    ):
        super().__init__(init_cfg=init_cfg or dict(type='Normal', layer='Conv2d', std=0.01))
        if num_classes != 1:
            raise ValueError('RPNHead predicts objectness only; num_classes must be 1')
        self.prior_generator = TASK_UTILS.build(
            anchor_generator
            or dict(
                type='AnchorGenerator',
                scales=[8],
                ratios=[0.5, 1.0, 2.0],
                strides=[4, 8, 16, 32, 64],
            )
        )
        self.bbox_coder = TASK_UTILS.build(bbox_coder or dict(type='DeltaXYWHBBoxCoder'))
        self.loss_cls = MODELS.build(loss_cls or dict(type='CrossEntropyLoss', use_sigmoid=True))
        self.loss_bbox = MODELS.build(loss_bbox or dict(type='L1Loss'))
        self.train_cfg = train_cfg
        self.test_cfg = test_cfg or dict(
            nms_pre=1000, max_per_img=1000, nms=dict(iou_threshold=0.7)
        )
        self.proposal_cfg = proposal_cfg or self.test_cfg
        if train_cfg is not None:
            self.assigner = TASK_UTILS.build(train_cfg['assigner'])
            self.sampler = TASK_UTILS.build(train_cfg['sampler'])
        num_anchors = self.prior_generator.num_base_anchors[0]
        self.rpn_conv = nn.Conv2d(in_channels, feat_channels, 3, padding=1)
        self.rpn_cls = nn.Conv2d(feat_channels, num_anchors, 1)
        self.rpn_reg = nn.Conv2d(feat_channels, num_anchors * 4, 1)

    def forward(self, feats: tuple) -> tuple:
        """Objectness logits (N, A, H, W) and deltas (N, 4A, H, W) of every level."""
        cls_scores, bbox_preds = [], []
        for x in feats:
            t = torch.relu(self.rpn_conv(x))
            cls_scores.append(self.rpn_cls(t))
            bbox_preds.append(self.rpn_reg(t))
        return cls_scores, bbox_preds

    @staticmethod
    def _flatten(cls_scores: list, bbox_preds: list) -> tuple:
        """(N, sum HWA) logits and (N, sum HWA, 4) deltas, ordered (level, y, x, anchor)."""
        logits, deltas = [], []
        for cls, reg in zip(cls_scores, bbox_preds):
            n, a, h, w = cls.shape
            logits.append(cls.permute(0, 2, 3, 1).reshape(n, -1))
            deltas.append(reg.view(n, a, 4, h, w).permute(0, 3, 4, 1, 2).reshape(n, -1, 4))
        return torch.cat(logits, 1), torch.cat(deltas, 1)

    def _anchors(self, cls_scores: list, batch_input_shape) -> list:
        sizes = [tuple(c.shape[-2:]) for c in cls_scores]
        return self.prior_generator.grid_priors(sizes, batch_input_shape, cls_scores[0].device)

    def _proposals(self, logits, deltas, anchors, data_samples, cfg) -> list:
        """Per-level top-k, decode, clip, drop tiny boxes, per-level NMS, keep the best."""
        logits = logits.detach()
        deltas = deltas.detach()
        counts = [a.shape[0] for a in anchors]
        all_anchors = torch.cat(anchors)
        nms_pre = int(_cfg_get(cfg, 'nms_pre', 1000))
        max_per_img = int(_cfg_get(cfg, 'max_per_img', 1000))
        iou_thr = nms_iou(cfg, 0.7)
        min_size = max(float(_cfg_get(cfg, 'min_bbox_size', 0)), 1e-3)
        idx, levels, offset = [], [], 0
        for lvl, ob in enumerate(logits.split(counts, 1)):
            k = min(nms_pre, ob.shape[1])
            top = ob.topk(k, dim=1).indices + offset
            idx.append(top)
            levels.append(torch.full_like(top, lvl))
            offset += ob.shape[1]
        idx, levels = torch.cat(idx, 1), torch.cat(levels, 1)
        results = []
        for i, sample in enumerate(data_samples):
            sel = idx[i]
            # decoding only the selected anchors gives the same boxes as decoding all
            boxes = self.bbox_coder.decode(all_anchors[sel], deltas[i, sel])
            scores = torch.sigmoid(logits[i, sel])
            lvl = levels[i]
            boxes = box_ops.clip_boxes_to_image(boxes, tuple(sample.img_shape[:2]))
            keep = box_ops.remove_small_boxes(boxes, min_size)
            boxes, scores, lvl = boxes[keep], scores[keep], lvl[keep]
            keep = box_ops.batched_nms(boxes, scores, lvl, iou_thr)[:max_per_img]
            results.append(boxes[keep])
        return results

    def predict(self, feats: tuple, data_samples: list) -> list:
        """Proposals (K, 4) per image, in input-image coordinates."""
        cls_scores, bbox_preds = self(feats)
        logits, deltas = self._flatten(cls_scores, bbox_preds)
        anchors = self._anchors(cls_scores, data_samples[0].batch_input_shape)
        return self._proposals(logits, deltas, anchors, data_samples, self.test_cfg)

    def loss_and_predict(self, feats: tuple, data_samples: list) -> tuple:
        """RPN losses and the (detached) proposals for the RoI head."""
        if self.train_cfg is None:
            raise RuntimeError('RPNHead.loss needs train_cfg (assigner, sampler)')
        cls_scores, bbox_preds = self(feats)
        logits, deltas = self._flatten(cls_scores, bbox_preds)
        anchors = self._anchors(cls_scores, data_samples[0].batch_input_shape)
        all_anchors = torch.cat(anchors)
        labels, targets, pos_masks, sampled = [], [], [], []
        for sample in data_samples:
            gt = sample.gt_instances.bboxes.to(all_anchors)
            matched = self.assigner.assign(all_anchors, gt)
            pos, neg = self.sampler.sample(matched)
            labels.append(pos.to(logits.dtype))
            pos_masks.append(pos)
            sampled.append(pos | neg)
            tgt = torch.zeros_like(all_anchors)
            if pos.any():
                tgt[pos] = self.bbox_coder.encode(all_anchors[pos], gt[matched[pos]])
            targets.append(tgt)
        labels, targets = torch.stack(labels), torch.stack(targets)
        pos_masks, sampled = torch.stack(pos_masks), torch.stack(sampled)
        num_sampled = int(sampled.sum())
        losses = dict(
            loss_rpn_cls=self.loss_cls(logits[sampled], labels[sampled]),
            loss_rpn_bbox=self.loss_bbox(
                deltas[pos_masks], targets[pos_masks], avg_factor=num_sampled
            ),
        )
        proposals = self._proposals(logits, deltas, anchors, data_samples, self.proposal_cfg)
        return losses, proposals
