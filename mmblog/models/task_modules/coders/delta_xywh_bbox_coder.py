"""(dx, dy, dw, dh) box deltas, normalised by per-coordinate standard deviations."""

import torch
from torchvision.models.detection._utils import BoxCoder

from mmblog.registry import TASK_UTILS


@TASK_UTILS.register_module()
class DeltaXYWHBBoxCoder:
    """Encode/decode boxes as Faster R-CNN deltas (torchvision's BoxCoder underneath).

    Args:
        target_means: Must be zeros (kept for MMDetection config compatibility).
        target_stds: Delta standard deviations; torchvision's ``weights`` are ``1 / stds``
            ((10, 10, 5, 5) <-> (0.1, 0.1, 0.2, 0.2)).
        clip_border: Clip decoded boxes to the image in ``decode(..., max_shape)``.
    """

    def __init__(
        self,
        target_means=(0.0, 0.0, 0.0, 0.0),
        target_stds=(1.0, 1.0, 1.0, 1.0),
        clip_border: bool = True,
        weights: tuple | None = None,
    ):
        if any(m != 0 for m in target_means):
            raise ValueError(f'only zero target_means are supported, got {target_means}')
        if weights is None:
            weights = tuple(1.0 / s for s in target_stds)
        self.weights = tuple(float(w) for w in weights)
        self.clip_border = clip_border
        self._coder = BoxCoder(self.weights)

    def encode(self, boxes: torch.Tensor, gt_boxes: torch.Tensor) -> torch.Tensor:
        """Deltas that move ``boxes`` (N, 4) onto ``gt_boxes`` (N, 4)."""
        return self._coder.encode_single(gt_boxes, boxes)

    def decode(self, boxes: torch.Tensor, deltas: torch.Tensor, max_shape=None) -> torch.Tensor:
        """Apply ``deltas`` (N, 4k) to ``boxes`` (N, 4) -> (N, 4k) boxes."""
        out = self._coder.decode_single(deltas, boxes).reshape(deltas.shape)
        if max_shape is not None and self.clip_border:
            out[:, 0::2] = out[:, 0::2].clamp(0, max_shape[1])
            out[:, 1::2] = out[:, 1::2].clamp(0, max_shape[0])
        return out
