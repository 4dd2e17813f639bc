"""RoI head of Faster/Mask R-CNN: sample RoIs, pool, classify/regress, (segment)."""

import numpy as np
import torch
from mmengine.model import BaseModule

from mmblog.registry import MODELS, TASK_UTILS


def rois_from_boxes(boxes_list: list) -> torch.Tensor:
    """(K, 5) RoIs ``[batch index, x1, y1, x2, y2]`` from per-image boxes."""
    rois = [
        torch.cat([b.new_full((b.shape[0], 1), i), b[:, :4]], dim=1)
        for i, b in enumerate(boxes_list)
    ]
    return torch.cat(rois, 0)


def gt_masks_tensor(gt_instances, device) -> torch.Tensor:
    """Ground-truth masks of one image as a (N, H, W) tensor (tensor, array or BitmapMasks)."""
    masks = gt_instances.masks
    if hasattr(masks, 'to_tensor'):
        masks = masks.to_tensor(dtype=torch.uint8, device=device)
    elif hasattr(masks, 'masks'):
        masks = masks.masks
    if not isinstance(masks, torch.Tensor):
        masks = torch.from_numpy(np.asarray(masks))
    return masks.to(device)


def rescale_boxes(boxes: torch.Tensor, scale_factor) -> torch.Tensor:
    """Boxes in the resized image -> original image (``scale_factor`` is (w, h))."""
    sw, sh = float(scale_factor[0]), float(scale_factor[1])
    return boxes / boxes.new_tensor([sw, sh, sw, sh])


def sample_rois(proposals, data_samples, assigner, sampler, num_classes, bbox_coder) -> list:
    """Assign proposals (+ gt boxes) to gt, sample them, build labels and box targets."""
    results = []
    for props, sample in zip(proposals, data_samples):
        gt = sample.gt_instances
        gt_boxes = gt.bboxes.to(props)
        gt_labels = gt.labels.to(props.device).long()
        is_gt = torch.zeros(props.shape[0], dtype=torch.bool, device=props.device)
        if sampler.add_gt_as_proposals and gt_boxes.numel():
            props = torch.cat([props, gt_boxes])
            is_gt = torch.cat(
                [is_gt, torch.ones(gt_boxes.shape[0], dtype=torch.bool, device=props.device)]
            )
        matched = assigner.assign(props, gt_boxes)
        pos, neg = sampler.sample(matched)
        # positives first: their targets and masks line up with the first num_pos RoIs
        order = torch.cat([torch.where(pos)[0], torch.where(neg)[0]])
        num_pos = int(pos.sum())
        boxes = props[order]
        labels = torch.full((order.numel(),), num_classes, dtype=torch.long, device=props.device)
        gt_idx = matched[order[:num_pos]]
        labels[:num_pos] = gt_labels[gt_idx]
        targets = bbox_coder.encode(boxes[:num_pos], gt_boxes[gt_idx])
        results.append(
            dict(
                boxes=boxes,
                labels=labels,
                num_pos=num_pos,
                gt_idx=gt_idx,
                targets=targets,
                is_gt=is_gt[order],
            )
        )
    return results


@MODELS.register_module()
class StandardRoIHead(BaseModule):
    """Box branch (and optional mask branch) over proposals.

    Args:
        bbox_roi_extractor, bbox_head: Configs (SingleRoIExtractor, Shared2FCBBoxHead).
        mask_roi_extractor, mask_head: Optional mask branch (FCNMaskHead).
        train_cfg: ``assigner``, ``sampler``, (``mask_size``, ``pos_weight``, ``debug`` unused).
        test_cfg: ``score_thr``, ``nms=dict(iou_threshold)``, ``max_per_img``, ``mask_thr_binary``.
    """

    def __init__(
        self,
        bbox_roi_extractor: dict,
        bbox_head: dict,
        mask_roi_extractor: dict | None = None,
        mask_head: dict | None = None,
        train_cfg: dict | None = None,
        test_cfg: dict | None = None,
        init_cfg=None,
    ):
        super().__init__(init_cfg=init_cfg)
        self.bbox_roi_extractor = MODELS.build(bbox_roi_extractor)
        self.bbox_head = MODELS.build(bbox_head)
        self.with_mask = mask_head is not None
        if self.with_mask:
            self.mask_roi_extractor = MODELS.build(mask_roi_extractor or bbox_roi_extractor)
            self.mask_head = MODELS.build(mask_head)
        self.train_cfg = train_cfg
        self.test_cfg = test_cfg or dict(
            score_thr=0.05, nms=dict(iou_threshold=0.5), max_per_img=100
        )
        if train_cfg is not None:
            self.assigner = TASK_UTILS.build(train_cfg['assigner'])
            self.sampler = TASK_UTILS.build(train_cfg['sampler'])

    def loss(self, feats: tuple, proposals: list, data_samples: list) -> dict:
        if self.train_cfg is None:
            raise RuntimeError('StandardRoIHead.loss needs train_cfg (assigner, sampler)')
        proposals = [p.detach() for p in proposals]
        samples = sample_rois(
            proposals,
            data_samples,
            self.assigner,
            self.sampler,
            self.bbox_head.num_classes,
            self.bbox_head.bbox_coder,
        )
        losses, _, _ = self._stage_loss(
            self.bbox_roi_extractor,
            self.bbox_head,
            getattr(self, 'mask_roi_extractor', None),
            getattr(self, 'mask_head', None),
            feats,
            samples,
            data_samples,
        )
        return losses

    @staticmethod
    def _stage_loss(extractor, bbox_head, mask_extractor, mask_head, feats, samples, data_samples):
        rois = rois_from_boxes([s['boxes'] for s in samples])
        cls_score, bbox_pred = bbox_head(extractor(feats, rois))
        labels = torch.cat([s['labels'] for s in samples])
        pos_mask = torch.cat(
            [
                torch.arange(s['labels'].numel(), device=labels.device) < s['num_pos']
                for s in samples
            ]
        )
        targets = torch.cat([s['targets'] for s in samples])
        losses = bbox_head.loss(cls_score, bbox_pred, labels, targets, pos_mask)
        if mask_head is not None:
            pos_boxes = [s['boxes'][: s['num_pos']] for s in samples]
            logits = mask_head(mask_extractor(feats, rois_from_boxes(pos_boxes)))
            mask_targets = torch.cat(
                [
                    mask_head.targets(gt_masks_tensor(ds.gt_instances, b.device), s['gt_idx'], b)
                    for ds, s, b in zip(data_samples, samples, pos_boxes)
                ]
            )
            pos_labels = torch.cat([s['labels'][: s['num_pos']] for s in samples])
            losses.update(mask_head.loss(logits, pos_labels, mask_targets))
        return losses, cls_score, bbox_pred

    def predict(
        self, feats: tuple, proposals: list, data_samples: list, rescale: bool = True
    ) -> list:
        """Detections per image; boxes (and masks) in the original image when ``rescale``."""
        rois = rois_from_boxes(proposals)
        cls_score, bbox_pred = self.bbox_head(self.bbox_roi_extractor(feats, rois))
        scores = torch.softmax(cls_score, -1)
        counts = [p.shape[0] for p in proposals]
        results = []
        for props, sc, reg, sample in zip(
            proposals, scores.split(counts), bbox_pred.split(counts), data_samples
        ):
            boxes = self.bbox_head.decode(props, reg, sample.img_shape)
            results.append(self.bbox_head.postprocess(boxes, sc, self.test_cfg))
        if self.with_mask:
            self._predict_masks(feats, results, data_samples, [self.mask_head], rescale)
        return self._finish(results, data_samples, rescale)

    def _predict_masks(self, feats, results, data_samples, mask_heads, rescale):
        rois = rois_from_boxes([r.bboxes for r in results])
        mask_feats = self.mask_roi_extractor(feats, rois) if rois.shape[0] else None
        labels = torch.cat([r.labels for r in results])
        probs = None
        if mask_feats is not None:
            probs = sum(h.select(h(mask_feats), labels).sigmoid() for h in mask_heads) / len(
                mask_heads
            )
        thr = self.test_cfg.get('mask_thr_binary', 0.5)
        start = 0
        for r, sample in zip(results, data_samples):
            n = r.bboxes.shape[0]
            boxes = rescale_boxes(r.bboxes, sample.scale_factor) if rescale else r.bboxes
            shape = sample.ori_shape if rescale else sample.img_shape
            p = probs[start : start + n] if probs is not None else r.bboxes.new_zeros((0, 28, 28))
            r.masks = mask_heads[0].paste(p, boxes, shape, thr)
            start += n

    @staticmethod
    def _finish(results, data_samples, rescale) -> list:
        if rescale:
            for r, sample in zip(results, data_samples):
                if 'scale_factor' in sample:
                    r.bboxes = rescale_boxes(r.bboxes, sample.scale_factor)
        return results
