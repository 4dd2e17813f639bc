"""Data sample of one classification example: its label, and after prediction, scores."""

import torch
from mmengine.structures import BaseDataElement


class ClsDataSample(BaseDataElement):
    """Carries ``gt_label`` (long tensor, shape (1,)), ``pred_score`` and ``pred_label``."""

    def set_gt_label(self, label: int | torch.Tensor) -> 'ClsDataSample':
        self.gt_label = torch.as_tensor(label, dtype=torch.long).reshape(-1)
        return self

    def set_pred_score(self, score: torch.Tensor) -> 'ClsDataSample':
        self.pred_score = score
        self.pred_label = score.argmax(dim=-1, keepdim=True)
        return self
