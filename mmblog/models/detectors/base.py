"""BaseDetector: the base model of detection."""

from abc import abstractmethod

import numpy as np
import torch

from ..base_task_model import BaseTaskModel


class BaseDetector(BaseTaskModel):
    """Base of all detectors (``forward(mode)`` from :class:`BaseTaskModel`).

    ``predict`` sets ``pred_instances`` on each data sample; a detector also implements
    ``extract_feat``.
    """

    @abstractmethod
    def extract_feat(self, inputs: torch.Tensor):
        """Backbone (and neck) features of a batch."""

    def show_result(self, img, result, score_thr: float = 0.3, **kwargs) -> np.ndarray:
        """Draw ``result`` (from ``inference_detector``) on ``img`` (path or BGR array).

        MMDetection 2.x's ``model.show_result``: ``show``, ``wait_time``, ``out_file`` and
        ``win_name`` as in :func:`mmblog.visualization.show_det_result`; returns the BGR image.
        """
        # Imported on call: drawing is no part of the model, this is the seed's spelling.
        from mmblog.visualization import show_det_result

        meta = getattr(self, 'dataset_meta', None)
        return show_det_result(img, result, dataset_meta=meta, score_thr=score_thr, **kwargs)
