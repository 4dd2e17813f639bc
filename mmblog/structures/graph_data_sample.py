"""Data sample of one graph: which nodes a step is scored on and, after prediction, their scores."""

import torch
from mmengine.structures import BaseDataElement


class GraphDataSample(BaseDataElement):
    """The annotation side of one graph in a batch; the graph itself travels as a PyG ``Data``.

    Metainfo:
        split: ``'train'``, ``'val'`` or ``'test'``: which node mask of the graph the step uses.

    Data fields set by a node head's ``predict``:
        node_index: (n,) long, the scored nodes' indices in the graph.
        pred_score: (n, C) class probabilities (softmax or, multi-label, sigmoid).
        pred_label: (n,) argmax (single-label) or (n, C) 0/1 (multi-label).
        gt_label: (n,) class index or (n, C) 0/1 targets.
        reg_loss: optional scalar, the model's regularisation term at prediction time (so a
            stopping criterion can use the same objective the model trains on).
    """

    def set_pred_score(self, score: torch.Tensor, multilabel: bool = False) -> 'GraphDataSample':
        self.pred_score = score
        self.pred_label = (score > 0.5).long() if multilabel else score.argmax(dim=-1)
        return self
