"""Per-node classification head: single-label (softmax) or multi-label (sigmoid)."""

import torch
import torch.nn as nn

from mmblog.registry import MODELS
from mmblog.structures import GraphDataSample


@MODELS.register_module()
class NodeClsHead(nn.Module):
    """Scores the nodes of ``graph.target_mask``.

    Args:
        multilabel: Sigmoid per class with 0/1 targets of shape (N, C) (PPI) instead of softmax
            over classes with (N,) class indices.
        in_channels, num_classes: When both are given a linear layer maps the backbone's node
            features to class logits; otherwise the backbone already outputs logits.
        loss: Loss config; defaults to cross-entropy (sigmoid cross-entropy when multi-label).
        loss_scale_by_nodes: Scale each step's mean loss by ``|V_t| / N`` (the target nodes of
            this batch over those of the whole graph), Cluster-GCN's ``sum_t |V_t|/N L_t``.
            Needs ``graph.num_target_total`` (set by the cluster loader).
    """

    def __init__(
        self,
        multilabel: bool = False,
        in_channels: int | None = None,
        num_classes: int | None = None,
        loss: dict | None = None,
        loss_scale_by_nodes: bool = False,
    ):
        super().__init__()
        self.multilabel = multilabel
        self.fc = (
            nn.Linear(in_channels, num_classes) if in_channels and num_classes else nn.Identity()
        )
        if loss is None:
            loss = dict(type='CrossEntropyLoss', use_sigmoid=multilabel)
        self.loss_module = MODELS.build(loss)
        self.loss_scale_by_nodes = loss_scale_by_nodes

    def forward(self, feats: torch.Tensor) -> torch.Tensor:
        return self.fc(feats)

    @staticmethod
    def _mask(graph) -> torch.Tensor:
        mask = graph.get('target_mask')
        if mask is None:
            raise KeyError('the graph has no target_mask: build it with a node dataset')
        return mask

    def loss(self, feats: torch.Tensor, graph, data_samples=None) -> dict:
        mask = self._mask(graph)
        logits = self(feats[mask])
        target = graph.y[mask]
        loss = self.loss_module(logits, target.float() if self.multilabel else target)
        if self.loss_scale_by_nodes:
            loss = loss * (mask.sum() / graph.num_target_total)
        return dict(loss_cls=loss)

    def predict(self, feats: torch.Tensor, graph, data_samples=None) -> list:
        mask = self._mask(graph)
        logits = self(feats)
        scores = logits.sigmoid() if self.multilabel else logits.softmax(dim=-1)
        if data_samples is None:
            data_samples = [GraphDataSample()]
        batch = graph.get('batch')
        if batch is None or len(data_samples) == 1:
            groups = [(torch.nonzero(mask).flatten(), 0)]
        else:
            groups = []
            for g in range(len(data_samples)):
                idx = torch.nonzero(mask & (batch == g)).flatten()
                groups.append((idx, int(graph.ptr[g])))
        for sample, (idx, offset) in zip(data_samples, groups):
            sample.node_index = idx - offset
            sample.set_pred_score(scores[idx].detach(), multilabel=self.multilabel)
            sample.gt_label = graph.y[idx]
        return data_samples
