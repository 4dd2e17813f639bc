"""BaseDetector: the ``forward(mode)`` dispatch every detector shares."""

from abc import ABCMeta, abstractmethod

import numpy as np
import torch
from mmengine.model import BaseModel


class BaseDetector(BaseModel, metaclass=ABCMeta):
    """Base of all detectors: owns ``forward(inputs, data_samples, mode)``.

    ``mode='loss'`` -> dict of losses (:meth:`loss`), ``'predict'`` -> data samples with
    ``pred_instances`` (:meth:`predict`), ``'tensor'`` -> raw network outputs (:meth:`_forward`).
    A detector implements those three and ``extract_feat``.
    """

    def forward(self, inputs: torch.Tensor, data_samples=None, mode: str = 'tensor'):
        if mode == 'loss':
            return self.loss(inputs, data_samples)
        if mode == 'predict':
            return self.predict(inputs, data_samples)
        if mode == 'tensor':
            return self._forward(inputs, data_samples)
        raise ValueError(f"mode must be 'loss', 'predict' or 'tensor', got {mode!r}")

    @abstractmethod
    def extract_feat(self, inputs: torch.Tensor):
        """Backbone (and neck) features of a batch."""

    @abstractmethod
    def loss(self, inputs: torch.Tensor, data_samples: list) -> dict:
        """Losses of a batch with ground truth."""

    @abstractmethod
    def predict(self, inputs: torch.Tensor, data_samples: list, rescale: bool = True) -> list:
        """The data samples, each with ``pred_instances`` set."""

    @abstractmethod
    def _forward(self, inputs: torch.Tensor, data_samples=None):
        """Raw outputs, without post-processing (``mode='tensor'``)."""

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
        # Imported on call: drawing is no part of the model, this is the seed's spelling.
        from mmblog.visualization import show_det_result

        return show_det_result(
            img,
            result,
            dataset_meta=getattr(self, 'dataset_meta', None),
            score_thr=score_thr,
            show=show,
            wait_time=wait_time,
            out_file=out_file,
            win_name=win_name,
        )
