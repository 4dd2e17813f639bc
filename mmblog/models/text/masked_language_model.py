"""Masked-language model: a text encoder and a masked-LM head tied to its word embedding."""

import torch
import torch.nn.functional as F

from mmblog.registry import MODELS

from .base import BaseTextModel

IGNORE_INDEX = -100


@MODELS.register_module()
class MaskedLanguageModel(BaseTextModel):
    """BERT's masked-LM objective on any encoder with ``embeddings.word_embeddings``.

    The loss is the cross-entropy at positions whose ``mlm_labels`` are not -100 (the head runs
    on those positions only). ``predict`` writes ``pred_tokens`` (argmax id at every position)
    into each data sample; :class:`~mmblog.evaluation.metrics.MaskedTokenAccuracy` scores them.

    Args:
        encoder: Encoder config (e.g. ``BertEncoder``); called with the ``inputs`` dict.
        head: ``MaskedLMHead`` config; ``embed_dims``/``vocab_size`` default to the encoder's.
        tie_weights: Share the decoder weight with the input word embedding (BERT).
        data_preprocessor: Defaults to ``TextDataPreprocessor``.

    The state dict is ``encoder.*`` (Hugging Face ``bert.*``) and ``head.*`` (``cls.predictions.*``),
    see :func:`mmblog.models.converters.convert_hf_checkpoint`.
    """

    def __init__(
        self,
        encoder: dict,
        head: dict | None = None,
        tie_weights: bool = True,
        data_preprocessor: dict | None = None,
        init_cfg: dict | None = None,
    ):
        super().__init__(data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        self.encoder = MODELS.build(encoder)
        head = dict(head or {})
        head.setdefault('type', 'MaskedLMHead')
        head.setdefault('embed_dims', self.encoder.hidden_size)
        head.setdefault('vocab_size', self.encoder.vocab_size)
        self.head = MODELS.build(head)
        self.tie = tie_weights
        if tie_weights:
            self.head.tie_weights(self.encoder.embeddings.word_embeddings)

    def init_weights(self) -> None:
        super().init_weights()
        if self.tie:  # an init_cfg may have replaced the embedding weight
            self.head.tie_weights(self.encoder.embeddings.word_embeddings)

    def _encode(self, inputs: dict) -> torch.Tensor:
        keys = ('input_ids', 'attention_mask', 'token_type_ids', 'position_ids', 'task_type_ids')
        return self.encoder(**{k: inputs[k] for k in keys if k in inputs})['last_hidden_state']

    def _forward(self, inputs: dict, data_samples=None) -> torch.Tensor:
        """Token logits (B, L, vocab)."""
        return self.head(self._encode(inputs))

    @staticmethod
    def _labels(data_samples) -> torch.Tensor:
        if not data_samples or 'mlm_labels' not in data_samples[0]:
            raise ValueError(
                'MaskedLanguageModel needs mlm_labels (add MaskTokens to the pipeline)'
            )
        return torch.stack([s.mlm_labels for s in data_samples])

    def loss(self, inputs: dict, data_samples) -> dict[str, torch.Tensor]:
        hidden = self._encode(inputs)
        labels = self._labels(data_samples).to(hidden.device)
        chosen = labels != IGNORE_INDEX
        logits = self.head(hidden[chosen])
        target = labels[chosen]
        if target.numel() == 0:  # nothing masked in this batch: a zero that keeps the graph
            return dict(loss_mlm=logits.sum() * 0, acc_mlm=logits.new_zeros(()))
        with torch.no_grad():
            acc = (logits.argmax(-1) == target).float().mean()
        return dict(loss_mlm=F.cross_entropy(logits, target), acc_mlm=acc)

    def predict(self, inputs: dict, data_samples) -> list:
        logits = self._forward(inputs)
        pred = logits.argmax(-1)
        for sample, tokens in zip(data_samples, pred):
            sample.pred_tokens = tokens
        return data_samples
