"""ERNIE (THU) pre-training: masked LM + next-sentence prediction + denoising entity auto-encoder."""

import torch
import torch.nn as nn
import torch.nn.functional as F

from mmblog.models.layers.transformer import MaskedLMHead, Pooler
from mmblog.models.text.base import BaseTextModel
from mmblog.registry import MODELS

IGNORE_INDEX = -100


@MODELS.register_module()
class ErniePretrainModel(BaseTextModel):
    """ERNIE's pre-training objective ``L = L_MLM + L_NSP + dea_weight * L_dEA``.

    Inputs (from ``ErniePretrainDataset`` -> ``MaskTokens`` -> ``DenoiseEntities`` ->
    ``PackTextInputs``): ``input_ids`` (masked), ``token_type_ids``, ``input_ents`` /
    ``ent_mask`` (noised alignments) and ``ent_labels`` (the original entity at every
    originally aligned token); the data samples hold ``mlm_labels`` and ``gt_label`` (0 = B
    follows A). dEA predicts each aligned entity among the batch's entities
    (:class:`DEAHead`); ``dea_weight=0`` is the "without dEA" ablation.

    Args:
        encoder: :class:`ErnieEncoder` config.
        dea_weight: Weight of the dEA loss (0 = off).
        tie_weights: Tie the masked-LM decoder to the word embedding (BERT).
    """

    def __init__(
        self,
        encoder: dict,
        dea_weight: float = 1.0,
        tie_weights: bool = True,
        data_preprocessor: dict | None = None,
        init_cfg: dict | None = None,
    ):
        super().__init__(
            data_preprocessor=data_preprocessor
            or dict(type='TextDataPreprocessor', pad_values=dict(ent_labels=IGNORE_INDEX)),
            init_cfg=init_cfg,
        )
        self.encoder = MODELS.build(encoder)
        bert = self.encoder.bert
        self.mlm_head = MaskedLMHead(bert.hidden_size, bert.vocab_size)
        self.tie = tie_weights
        if tie_weights:
            self.mlm_head.tie_weights(bert.embeddings.word_embeddings)
        self.pooler = Pooler(bert.hidden_size)
        self.nsp_head = nn.Linear(bert.hidden_size, 2)
        self.dea_weight = dea_weight
        self.dea_head = MODELS.build(
            dict(
                type='DEAHead',
                hidden_size=bert.hidden_size,
                entity_size=self.encoder.entity_table.shape[1],
            )
        )

    def init_weights(self) -> None:
        super().init_weights()
        if self.tie:
            self.mlm_head.tie_weights(self.encoder.bert.embeddings.word_embeddings)

    def _forward(self, inputs: dict, data_samples=None) -> dict:
        """``token_hidden`` (B, L, C) and NSP logits (B, 2)."""
        out = self.encoder(
            inputs['input_ids'],
            inputs.get('attention_mask'),
            inputs.get('token_type_ids'),
            inputs.get('input_ents'),
            inputs.get('ent_mask'),
        )
        out['nsp_logits'] = self.nsp_head(self.pooler(out['token_hidden']))
        return out

    def _heads(self, inputs: dict, data_samples) -> dict:
        """Per objective: (logits, targets) over the positions that carry a label."""
        out = self._forward(inputs)
        hidden = out['token_hidden']
        mlm = torch.stack([s.mlm_labels for s in data_samples]).to(hidden.device)
        where = mlm != IGNORE_INDEX
        nsp = torch.cat([s.gt_label for s in data_samples]).to(hidden.device)
        return dict(
            out=out,
            mlm=(self.mlm_head(hidden[where]), mlm[where]),
            nsp=(out['nsp_logits'], nsp),
        )

    def loss(self, inputs: dict, data_samples) -> dict:
        heads = self._heads(inputs, data_samples)
        losses = {}
        for name in ('mlm', 'nsp'):
            logits, target = heads[name]
            if target.numel():
                losses[f'loss_{name}'] = F.cross_entropy(logits, target)
                losses[f'acc_{name}'] = (logits.argmax(-1) == target).float().mean().detach()
        if self.dea_weight > 0 and 'ent_labels' in inputs:
            dea = self.dea_head.loss(
                heads['out']['token_hidden'], inputs['ent_labels'], self.encoder.entity_table
            )
            losses['loss_dea'] = self.dea_weight * dea['loss_dea']
            losses['acc_dea'] = dea['acc_dea']
        return losses

    @torch.no_grad()
    def predict(self, inputs: dict, data_samples) -> list:
        """Per sample, ``{mlm, nsp, dea}`` = ``dict(correct, total, chance)`` for
        :class:`~mmblog.evaluation.metrics.TaskAccuracy` (dEA: among the batch's entities)."""
        out = self._forward(inputs)
        hidden = out['token_hidden']
        nsp_pred = out['nsp_logits'].argmax(-1)
        ent_labels = inputs.get('ent_labels')
        cands = None
        if ent_labels is not None and bool((ent_labels >= 0).any()):
            cands = torch.unique(ent_labels[ent_labels >= 0])
            scores = self.dea_head.proj(hidden) @ self.encoder.entity_table[cands + 1].t()
            dea_pred = cands[scores.argmax(-1)]
        for b, sample in enumerate(data_samples):
            mlm = sample.mlm_labels.to(hidden.device)
            where = mlm != IGNORE_INDEX
            pred = self.mlm_head(hidden[b][where]).argmax(-1)
            vocab = self.mlm_head.bias.numel()
            sample.mlm = dict(
                correct=int((pred == mlm[where]).sum()),
                total=int(where.sum()),
                chance=int(where.sum()) / vocab,
            )
            sample.nsp = dict(
                correct=int(nsp_pred[b] == sample.gt_label.to(hidden.device)[0]),
                total=1,
                chance=0.5,
            )
            if cands is not None:
                lab = ent_labels[b]
                w = lab >= 0
                sample.dea = dict(
                    correct=int((dea_pred[b][w] == lab[w]).sum()),
                    total=int(w.sum()),
                    chance=int(w.sum()) / len(cands),
                )
        return data_samples
