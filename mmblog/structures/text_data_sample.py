"""Data sample of one text example: per-token labels, a sequence label, and predictions."""

import torch
from mmengine.structures import BaseDataElement


class TextDataSample(BaseDataElement):
    """Labels and predictions of one tokenized text.

    The token inputs themselves (``input_ids``, ``token_type_ids``, ``attention_mask``) travel
    in ``inputs``; the sample carries what the loss and the metrics need:

    - ``mlm_labels``: long tensor (L,), the original id at masked positions and -100 elsewhere
      (the ignore index of :func:`torch.nn.functional.cross_entropy`).
    - ``gt_label``: long tensor (1,) for sequence classification.
    - ``pred_tokens`` / ``pred_score`` / ``pred_label``: set by ``predict``.
    - metainfo such as ``text`` and ``sample_idx``.

    Examples:
        >>> sample = TextDataSample(metainfo=dict(text='a b')).set_gt_label(1)
        >>> sample.gt_label
        tensor([1])
    """

    def set_gt_label(self, label: int | torch.Tensor) -> 'TextDataSample':
        self.gt_label = torch.as_tensor(label, dtype=torch.long).reshape(-1)
        return self

    def set_pred_score(self, score: torch.Tensor) -> 'TextDataSample':
        self.pred_score = score
        self.pred_label = score.argmax(dim=-1, keepdim=True)
        return self
