"""Region features from mmblog's Faster R-CNN for vision-language models (ERNIE-ViL, ViLBERT).

Bottom-up-attention style: keep the detections scoring >= ``score_thr``, at least ``min_boxes``
and at most ``max_boxes`` per image (highest scores first), RoI-pool the detector's FPN features
at those boxes and take the box head's shared-FC output as the region feature, with its class
distribution. With ground-truth boxes the same features are pooled at the given boxes.
"""

import copy

import numpy as np
import torch
import torch.nn.functional as F
from mmengine.dataset import pseudo_collate

from .inference import _test_pipeline


def _roi_features(model, feats: tuple, boxes: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    from mmblog.models.roi_heads.standard_roi_head import rois_from_boxes

    head = model.roi_head.bbox_head
    x = model.roi_head.bbox_roi_extractor(feats, rois_from_boxes([boxes])).flatten(1)
    for fc in head.shared_fcs:
        x = F.relu(fc(x))
    return x, head.fc_cls(x).softmax(-1)


@torch.no_grad()
def extract_region_features(
    model,
    img_path: str,
    gt_boxes: np.ndarray | None = None,
    score_thr: float = 0.2,
    min_boxes: int = 10,
    max_boxes: int = 36,
) -> dict:
    """Region features of one image.

    Args:
        model: A two-stage detector from :func:`mmblog.apis.init_model`.
        img_path: Image file.
        gt_boxes: (N, 4) xyxy boxes in pixels to pool at instead of detecting.
        score_thr / min_boxes / max_boxes: Detection selection (bottom-up attention's 0.2,
            10, 36).

    Returns:
        ``height``, ``width``, ``boxes`` (K, 4) xyxy in the original image, ``features``
        (K, D), ``cls_prob`` (K, C + 1) with background last, ``scores`` (K,).
    """
    pipeline = _test_pipeline(model.cfg, from_array=False)
    data = model.data_preprocessor(pseudo_collate([pipeline(dict(img_path=img_path, img_id=0))]))
    sample = data['data_samples'][0]
    feats = model.extract_feat(data['inputs'])
    sw, sh = (float(s) for s in sample.scale_factor)
    scale = feats[0].new_tensor([sw, sh, sw, sh])
    if gt_boxes is None:
        proposals = model.rpn_head.predict(feats, [sample])
        saved = model.roi_head.test_cfg
        model.roi_head.test_cfg = dict(copy.deepcopy(saved), score_thr=0.0, max_per_img=max_boxes)
        try:
            det = model.roi_head.predict(feats, proposals, [sample], rescale=False)[0]
        finally:
            model.roi_head.test_cfg = saved
        order = det.scores.argsort(descending=True)
        keep = int(max(min_boxes, int((det.scores >= score_thr).sum())))
        order = order[: min(keep, max_boxes)]
        boxes, scores = det.bboxes[order], det.scores[order]
    else:
        boxes = torch.as_tensor(np.asarray(gt_boxes, np.float32)).reshape(-1, 4) * scale.cpu()
        boxes = boxes.to(scale.device)
        scores = torch.ones(len(boxes))
    x, prob = _roi_features(model, feats, boxes)
    h, w = sample.ori_shape[:2]
    return dict(
        height=int(h),
        width=int(w),
        boxes=(boxes / scale).cpu().numpy(),
        features=x.cpu().numpy(),
        cls_prob=prob.cpu().numpy(),
        scores=scores.cpu().numpy(),
    )
