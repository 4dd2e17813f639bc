"""ERNIE fine-tuned for relation classification: [HD]/[TL]-marked head and tail, [CLS] output."""

import torch
import torch.nn as nn
import torch.nn.functional as F

from mmblog.models.layers.transformer import Pooler
from mmblog.models.text.base import BaseTextModel
from mmblog.registry import MODELS


@MODELS.register_module()
class ErnieRelationClassification(BaseTextModel):
    """Relation between the mentions marked ``[HD] head [HD]`` and ``[TL] tail [TL]``, classified
    from the pooled [CLS] output (ERNIE's FewRel / TACRED fine-tuning).

    Inputs (from ``MarkEntityMention(mention_span=None)`` -> ``TokenizeText`` -> ``AlignEntities``
    -> ``PackTextInputs``): ``input_ids``, ``attention_mask``, ``token_type_ids``,
    ``input_ents``, ``ent_mask``. Label: ``data_sample.gt_label`` (one class).

    Args:
        encoder: :class:`ErnieEncoder` config.
        num_classes: Number of relations.
        dropout: Dropout before the classifier.
    """

    def __init__(
        self,
        encoder: dict,
        num_classes: int,
        dropout: float = 0.1,
        data_preprocessor: dict | None = None,
        init_cfg: dict | None = None,
    ):
        super().__init__(data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        self.encoder = MODELS.build(encoder)
        hidden = self.encoder.bert.hidden_size
        self.num_classes = num_classes
        self.pooler = Pooler(hidden)
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(hidden, num_classes)

    def _forward(self, inputs: dict, data_samples=None) -> torch.Tensor:
        """Relation logits (B, num_classes)."""
        out = self.encoder(
            inputs['input_ids'],
            inputs.get('attention_mask'),
            inputs.get('token_type_ids'),
            inputs.get('input_ents'),
            inputs.get('ent_mask'),
        )
        return self.classifier(self.dropout(self.pooler(out['token_hidden'])))

    def loss(self, inputs: dict, data_samples) -> dict:
        logits = self._forward(inputs)
        target = torch.cat([s.gt_label for s in data_samples]).to(logits.device)
        with torch.no_grad():
            acc = (logits.argmax(-1) == target).float().mean()
        return dict(loss_relation=F.cross_entropy(logits, target), acc_relation=acc)

    @torch.no_grad()
    def predict(self, inputs: dict, data_samples) -> list:
        scores = self._forward(inputs).softmax(-1)
        for sample, score in zip(data_samples, scores):
            sample.set_pred_score(score)
        return data_samples
