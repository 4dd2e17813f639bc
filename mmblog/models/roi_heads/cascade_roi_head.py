"""Cascade R-CNN RoI head (Cai & Vasconcelos 2018): stages of rising IoU thresholds."""

import copy

import torch
import torch.nn as nn

from mmblog.registry import MODELS, TASK_UTILS

from .standard_roi_head import StandardRoIHead, rois_from_boxes, sample_rois


def _per_stage(cfg, num_stages: int) -> list:
    if isinstance(cfg, (list, tuple)):
        if len(cfg) != num_stages:
            raise ValueError(f'{len(cfg)} stage configs for num_stages={num_stages}')
        return [copy.deepcopy(c) for c in cfg]
    return [copy.deepcopy(cfg) for _ in range(num_stages)]


@MODELS.register_module()
class CascadeRoIHead(StandardRoIHead):
    """``num_stages`` box heads; each refines the previous stage's boxes and is trained on
    samples assigned with its own IoU threshold (0.5/0.6/0.7) and box coder stds.

    Args:
        num_stages: Number of stages (3).
        stage_loss_weights: Weight of each stage's losses ([1, 0.5, 0.25]).
        bbox_roi_extractor, mask_roi_extractor: One config (copied per stage) or a list.
        bbox_head, mask_head: One config per stage (a list), or one config copied.
        train_cfg: A list with one ``dict(assigner, sampler)`` per stage.
        test_cfg: As StandardRoIHead. Scores are the mean over stages; masks the mean of the
            stages' mask probabilities.
    """

    def __init__(
        self,
        num_stages: int,
        stage_loss_weights: list,
        bbox_roi_extractor,
        bbox_head,
        mask_roi_extractor=None,
        mask_head=None,
        train_cfg=None,
        test_cfg=None,
        init_cfg=None,
    ):
        super(StandardRoIHead, self).__init__(init_cfg=init_cfg)
        if len(stage_loss_weights) != num_stages:
            raise ValueError(
                f'{len(stage_loss_weights)} stage_loss_weights for {num_stages} stages'
            )
        self.num_stages = num_stages
        self.stage_loss_weights = list(stage_loss_weights)
        self.bbox_roi_extractor = nn.ModuleList(
            MODELS.build(c) for c in _per_stage(bbox_roi_extractor, num_stages)
        )
        self.bbox_head = nn.ModuleList(MODELS.build(c) for c in _per_stage(bbox_head, num_stages))
        self.with_mask = mask_head is not None
        if self.with_mask:
            self.mask_roi_extractor = MODELS.build(
                _per_stage(mask_roi_extractor or bbox_roi_extractor, num_stages)[0]
            )
            self.mask_head = nn.ModuleList(
                MODELS.build(c) for c in _per_stage(mask_head, num_stages)
            )
        self.train_cfg = train_cfg
        self.test_cfg = test_cfg or dict(
            score_thr=0.05, nms=dict(iou_threshold=0.5), max_per_img=100
        )
        if train_cfg is not None:
            stage_cfgs = _per_stage(train_cfg, num_stages)
            self.assigner = [TASK_UTILS.build(c['assigner']) for c in stage_cfgs]
            self.sampler = [TASK_UTILS.build(c['sampler']) for c in stage_cfgs]

    def loss(self, feats: tuple, proposals: list, data_samples: list) -> dict:
        if self.train_cfg is None:
            raise RuntimeError('CascadeRoIHead.loss needs train_cfg (one per stage)')
        proposals = [p.detach() for p in proposals]
        losses = {}
        for i in range(self.num_stages):
            head = self.bbox_head[i]
            samples = sample_rois(
                proposals,
                data_samples,
                self.assigner[i],
                self.sampler[i],
                head.num_classes,
                head.bbox_coder,
            )
            stage_losses, cls_score, bbox_pred = self._stage_loss(
                self.bbox_roi_extractor[i],
                head,
                self.mask_roi_extractor if self.with_mask else None,
                self.mask_head[i] if self.with_mask else None,
                feats,
                samples,
                data_samples,
            )
            w = self.stage_loss_weights[i]
            for k, v in stage_losses.items():
                losses[f's{i}.{k}'] = v * w if k.startswith('loss') else v
            if i < self.num_stages - 1:
                proposals = self._refine(head, samples, cls_score, bbox_pred, data_samples)
        return losses

    @staticmethod
    def _refine(head, samples, cls_score, bbox_pred, data_samples) -> list:
        """Next stage's proposals: this stage's regressed sampled RoIs, without the gt boxes."""
        counts = [s['boxes'].shape[0] for s in samples]
        labels = cls_score[:, :-1].argmax(1)
        out = []
        with torch.no_grad():
            for s, reg, lab, ds in zip(
                samples, bbox_pred.split(counts), labels.split(counts), data_samples
            ):
                if not head.reg_class_agnostic:
                    reg = reg.view(reg.shape[0], reg.shape[1] // 4, 4)[
                        torch.arange(reg.shape[0]), lab
                    ]
                boxes = head.decode(s['boxes'], reg, ds.img_shape)[:, 0]
                out.append(boxes[~s['is_gt']].detach())
        return out

    def predict(
        self, feats: tuple, proposals: list, data_samples: list, rescale: bool = True
    ) -> list:
        counts = [p.shape[0] for p in proposals]
        boxes = list(proposals)
        stage_scores = []
        for i in range(self.num_stages):
            head = self.bbox_head[i]
            cls_score, bbox_pred = head(self.bbox_roi_extractor[i](feats, rois_from_boxes(boxes)))
            probs = torch.softmax(cls_score, -1)
            stage_scores.append(probs)
            decoded = [
                head.decode(b, reg, ds.img_shape)
                for b, reg, ds in zip(boxes, bbox_pred.split(counts), data_samples)
            ]
            if i < self.num_stages - 1:
                new = []
                for d, p in zip(decoded, probs.split(counts)):
                    if d.shape[1] > 1:  # class-specific: follow the best foreground class
                        d = d[torch.arange(d.shape[0]), p[:, :-1].argmax(1)]
                    else:
                        d = d[:, 0]
                    new.append(d)
                boxes = new
        scores = (sum(stage_scores) / self.num_stages).split(counts)
        results = [
            self.bbox_head[-1].postprocess(d, sc, self.test_cfg) for d, sc in zip(decoded, scores)
        ]
        if self.with_mask:
            self._predict_masks(feats, results, data_samples, list(self.mask_head), rescale)
        return self._finish(results, data_samples, rescale)
