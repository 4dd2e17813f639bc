"""Temporal segments: intersection over union of [start, end] intervals."""

import numpy as np


def temporal_iou(a, b) -> np.ndarray:
    """IoU of every interval of ``a`` (N, 2) with every interval of ``b`` (M, 2): (N, M).

    Intervals are closed ``[start, end]`` in the same unit (seconds or frames); two points
    (zero length) that coincide have IoU 1, disjoint or touching intervals 0.
    """
    a = np.asarray(a, dtype=np.float64).reshape(-1, 2)
    b = np.asarray(b, dtype=np.float64).reshape(-1, 2)
    inter = np.clip(
        np.minimum(a[:, None, 1], b[None, :, 1]) - np.maximum(a[:, None, 0], b[None, :, 0]), 0, None
    )
    union = (a[:, None, 1] - a[:, None, 0]) + (b[None, :, 1] - b[None, :, 0]) - inter
    same_point = (union == 0) & (a[:, None, 0] == b[None, :, 0])
    with np.errstate(invalid='ignore', divide='ignore'):
        iou = np.where(union > 0, inter / np.where(union > 0, union, 1), 0.0)
    return np.where(same_point, 1.0, iou)
