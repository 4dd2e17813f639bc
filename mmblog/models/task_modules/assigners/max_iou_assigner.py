"""IoU-based assignment of candidate boxes to ground-truth boxes."""

import torch
from torchvision.models.detection._utils import Matcher
from torchvision.ops import box_iou

from mmblog.registry import TASK_UTILS


@TASK_UTILS.register_module()
class MaxIoUAssigner:
    """Each candidate gets the gt it overlaps most (torchvision's Matcher underneath).

    Args:
        pos_iou_thr: IoU >= this -> positive.
        neg_iou_thr: IoU < this -> negative; in between -> ignored.
        min_pos_iou: A gt's best candidates become positive (``match_low_quality``) only when
            their IoU is at least this.
        match_low_quality: Give every gt its highest-IoU candidates even below ``pos_iou_thr``.
        ignore_iof_thr: Unused (MMDetection compatibility); must be -1.

    ``assign`` returns ``matched_idxs`` (N,): gt index for positives, ``-1`` for negatives and
    ``-2`` for ignored candidates.
    """

    NEGATIVE = Matcher.BELOW_LOW_THRESHOLD
    IGNORED = Matcher.BETWEEN_THRESHOLDS

    def __init__(
        self,
        pos_iou_thr: float,
        neg_iou_thr: float,
        min_pos_iou: float = 0.0,
        match_low_quality: bool = True,
        ignore_iof_thr: float = -1,
    ):
        if neg_iou_thr > pos_iou_thr:
            raise ValueError(f'neg_iou_thr {neg_iou_thr} > pos_iou_thr {pos_iou_thr}')
        self.min_pos_iou = min_pos_iou
        self.match_low_quality = match_low_quality
        self._matcher = Matcher(pos_iou_thr, neg_iou_thr, allow_low_quality_matches=False)

    def assign(self, boxes: torch.Tensor, gt_boxes: torch.Tensor) -> torch.Tensor:
        if gt_boxes.numel() == 0:
            return torch.full(
                (boxes.shape[0],), self.NEGATIVE, dtype=torch.int64, device=boxes.device
            )
        iou = box_iou(gt_boxes, boxes)  # (G, N)
        matched = self._matcher(iou)
        if self.match_low_quality:
            best, _ = iou.max(dim=1)
            _, cand_idx = torch.where((iou == best[:, None]) & (best[:, None] >= self.min_pos_iou))
            # a candidate that is the best of several gts keeps its own argmax gt, like torchvision
            matched[cand_idx] = iou[:, cand_idx].argmax(dim=0)
        return matched
