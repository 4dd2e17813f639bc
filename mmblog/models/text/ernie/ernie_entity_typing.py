"""ERNIE fine-tuned for entity typing: [ENT]-marked mention, multi-label classifier."""

import torch
import torch.nn as nn
import torch.nn.functional as F

from mmblog.models.text.base import BaseTextModel
from mmblog.registry import MODELS


@MODELS.register_module()
class ErnieEntityTyping(BaseTextModel):
    """Types of the mention between [ENT] marks, from the output at the first mark.

    Inputs (from ``MarkEntityMention`` -> ``TokenizeText`` -> ``AlignEntities`` [->
    ``DenoiseEntities``] -> ``PackTextInputs``): ``input_ids``, ``attention_mask``,
    ``token_type_ids``, ``input_ents``, ``ent_mask``, ``mark_mask`` and ``ent_labels``.
    Labels: ``data_sample.gt_label`` = the class indices (multi-label).

    Args:
        encoder: :class:`ErnieEncoder` config.
        num_classes: Number of types.
        dea_weight: Weight of the dEA loss added during training (0 = off). dEA needs
            ``DenoiseEntities`` in the pipeline (``ent_labels``).
        threshold: A type is predicted where its sigmoid exceeds it (0.5 = logit > 0, ERNIE's).
    """

    def __init__(
        self,
        encoder: dict,
        num_classes: int,
        dea_weight: float = 0.0,
        dropout: float = 0.1,
        threshold: float = 0.5,
        data_preprocessor: dict | None = None,
        init_cfg: dict | None = None,
    ):
        super().__init__(
            data_preprocessor=data_preprocessor
            or dict(type='TextDataPreprocessor', pad_values=dict(ent_labels=-100)),
            init_cfg=init_cfg,
        )
        self.encoder = MODELS.build(encoder)
        hidden = self.encoder.bert.hidden_size
        self.num_classes, self.dea_weight, self.threshold = num_classes, dea_weight, threshold
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(hidden, num_classes)
        self.dea_head = (
            MODELS.build(
                dict(
                    type='DEAHead',
                    hidden_size=hidden,
                    entity_size=self.encoder.entity_table.shape[1],
                )
            )
            if dea_weight > 0
            else None
        )

    def _encode(self, inputs: dict) -> dict:
        return self.encoder(
            inputs['input_ids'],
            inputs.get('attention_mask'),
            inputs.get('token_type_ids'),
            inputs.get('input_ents'),
            inputs.get('ent_mask'),
        )

    def _logits(self, inputs: dict, out: dict) -> torch.Tensor:
        mark = inputs['mark_mask']
        if bool((mark.sum(1) == 0).any()):
            raise ValueError('every sequence needs an [ENT] mark (MarkEntityMention, mention_span)')
        first = mark.float().argmax(dim=1)
        pooled = out['token_hidden'][torch.arange(len(first)), first]
        return self.classifier(self.dropout(pooled))

    def _forward(self, inputs: dict, data_samples=None) -> torch.Tensor:
        return self._logits(inputs, self._encode(inputs))

    def _targets(self, data_samples, device) -> torch.Tensor:
        target = torch.zeros(len(data_samples), self.num_classes, device=device)
        for i, sample in enumerate(data_samples):
            target[i, sample.gt_label.to(device)] = 1
        return target

    def loss(self, inputs: dict, data_samples) -> dict:
        out = self._encode(inputs)
        logits = self._logits(inputs, out)
        losses = dict(
            loss_typing=F.binary_cross_entropy_with_logits(
                logits, self._targets(data_samples, logits.device)
            )
        )
        if self.dea_head is not None and 'ent_labels' in inputs:
            dea = self.dea_head.loss(
                out['token_hidden'], inputs['ent_labels'], self.encoder.entity_table
            )
            losses['loss_dea'] = self.dea_weight * dea['loss_dea']
            losses['acc_dea'] = dea['acc_dea']
        return losses

    @torch.no_grad()
    def predict(self, inputs: dict, data_samples) -> list:
        scores = self._forward(inputs).sigmoid()
        for sample, score in zip(data_samples, scores):
            sample.pred_score = score
            sample.pred_label = torch.nonzero(score > self.threshold).flatten()
        return data_samples
