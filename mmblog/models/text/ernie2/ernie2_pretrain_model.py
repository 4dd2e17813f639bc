"""ERNIE 2.0: one shared encoder (token + segment + position + task embeddings), many tasks."""

import torch
import torch.nn.functional as F

from mmblog.registry import MODELS

from ..base import BaseTextModel
from .base_ernie2_task import IGNORE_INDEX
from .knowledge_masking_task import KnowledgeMaskingTask

ENCODER_KEYS = ('attention_mask', 'token_type_ids', 'position_ids', 'task_type_ids')


@MODELS.register_module()
class Ernie2PretrainModel(BaseTextModel):
    """Continual multi-task pre-training of ERNIE 2.0 (Sun et al., 2020).

    ``tasks`` maps a name to a registered task head (:class:`KnowledgeMaskingTask`,
    :class:`CapitalizationTask`, :class:`TokenDocumentRelationTask`,
    :class:`SentenceReorderingTask`, :class:`SentenceDistanceTask`,
    :class:`DiscourseRelationTask`, :class:`IRRelevanceTask` or a user's own). A training step
    sums the losses of the *active* tasks (:meth:`set_active_tasks`, called by
    :class:`~mmblog.engine.runner.Ernie2ContinualLoop`) that have labels in the batch: the one
    sentence-level task of the batch's input format plus the token-level ones. An active
    knowledge-masking task masks its spans in the input first.

    Args:
        encoder: Encoder config (``BertEncoder`` with ``num_task_types`` > 0 and a pooler).
        tasks: ``{name: task config}``; ``hidden_size`` (and the masked-LM ``vocab_size``)
            default to the encoder's.
        tie_weights: Tie knowledge masking's decoder to the word embedding.
        data_preprocessor: Defaults to ``TextDataPreprocessor`` with ERNIE 2.0's label keys.
    """

    def __init__(
        self,
        encoder: dict,
        tasks: dict,
        tie_weights: bool = True,
        data_preprocessor: dict | None = None,
        init_cfg: dict | None = None,
    ):
        if data_preprocessor is None:
            data_preprocessor = dict(
                type='TextDataPreprocessor', label_keys=('cap_labels', 'tdr_labels', 'km_span_ids')
            )
        super().__init__(data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        self.encoder = MODELS.build(encoder)
        if not tasks:
            raise ValueError('Ernie2PretrainModel needs at least one task')
        self.tasks = torch.nn.ModuleDict()
        for name, cfg in tasks.items():
            cfg = dict(cfg)
            cfg.setdefault('hidden_size', self.encoder.hidden_size)
            if cfg['type'] in ('KnowledgeMaskingTask', KnowledgeMaskingTask):
                cfg.setdefault('vocab_size', self.encoder.vocab_size)
            self.tasks[name] = MODELS.build(cfg)
        self.tie = tie_weights
        self._tie()
        self.active_tasks: tuple[str, ...] | None = None

    def _tie(self) -> None:
        if self.tie:
            for task in self.tasks.values():
                if isinstance(task, KnowledgeMaskingTask):
                    task.head.tie_weights(self.encoder.embeddings.word_embeddings)

    def init_weights(self) -> None:
        super().init_weights()
        self._tie()  # an init_cfg may have replaced the embedding weight

    def set_active_tasks(self, names) -> None:
        """Train only these tasks from now on (None = all)."""
        if names is not None:
            unknown = set(names) - set(self.tasks)
            if unknown:
                raise KeyError(
                    f'unknown ERNIE 2.0 tasks {sorted(unknown)}; have {list(self.tasks)}'
                )
            names = tuple(names)
        self.active_tasks = names

    def _encode(self, inputs: dict, input_ids: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        out = self.encoder(input_ids, **{k: inputs[k] for k in ENCODER_KEYS if k in inputs})
        return out['last_hidden_state'], out['pooler_output']

    def _forward(self, inputs: dict, data_samples=None) -> tuple[torch.Tensor, torch.Tensor]:
        """Hidden states (B, L, C) and the pooled [CLS] (B, C)."""
        return self._encode(inputs, inputs['input_ids'])

    def _masking(self, ids, data_samples, names, generator):
        targets = {}
        for name in names:
            task = self.tasks[name]
            if isinstance(task, KnowledgeMaskingTask):
                ids, targets[name] = task.corrupt(ids, data_samples, generator)
        return ids, targets

    def loss(self, inputs: dict, data_samples) -> dict[str, torch.Tensor]:
        names = [n for n in self.tasks if self.active_tasks is None or n in self.active_tasks]
        ids, targets = self._masking(inputs['input_ids'], data_samples, names, None)
        hidden, pooled = self._encode(inputs, ids)
        losses = {}
        for name in names:
            task = self.tasks[name]
            t = targets[name] if name in targets else task.targets(data_samples, hidden.device)
            if t is None:
                continue
            chosen = t != IGNORE_INDEX
            if not bool(chosen.any()):
                continue
            logits = task.logits(hidden, pooled)[chosen]
            losses[f'loss_{name}'] = task.loss_weight * F.cross_entropy(logits, t[chosen])
            with torch.no_grad():
                losses[f'acc_{name}'] = (logits.argmax(-1) == t[chosen]).float().mean()
        if not any(k.startswith('loss_') for k in losses):  # keep the graph for the optimizer
            losses['loss_none'] = pooled.sum() * 0
        return losses

    def predict(self, inputs: dict, data_samples) -> list:
        """Each sample gets ``task_preds = {task: dict(pred, label)}`` for the tasks it has labels
        for; knowledge masking is scored on a second pass with a fixed masking (seed 0)."""
        hidden, pooled = self._encode(inputs, inputs['input_ids'])
        preds = [dict() for _ in data_samples]
        gen = torch.Generator().manual_seed(0)
        ids, km_targets = self._masking(inputs['input_ids'], data_samples, list(self.tasks), gen)
        km_hidden = km_pooled = None
        if km_targets:
            km_hidden, km_pooled = self._encode(inputs, ids)
        for name, task in self.tasks.items():
            if name in km_targets:
                t, h, p = km_targets[name], km_hidden, km_pooled
            else:
                t, h, p = task.targets(data_samples, hidden.device), hidden, pooled
            if t is None:
                continue
            pred = task.logits(h, p).argmax(-1)
            for b in range(len(data_samples)):
                keep = t[b] != IGNORE_INDEX
                if bool(keep.any()):
                    preds[b][name] = dict(pred=pred[b][keep].cpu(), label=t[b][keep].cpu())
        for sample, p in zip(data_samples, preds):
            sample.task_preds = p
        return data_samples
