"""ERNIE 2.0's knowledge masking (word-aware; ERNIE 1.0's phrase and entity masking)."""

import torch
import torch.nn as nn

from mmblog.models.layers.transformer import MaskedLMHead
from mmblog.registry import MODELS

from .base_ernie2_task import IGNORE_INDEX, BaseErnie2Task


@MODELS.register_module()
class KnowledgeMaskingTask(BaseErnie2Task):
    """Mask whole phrases / named entities (``km_span_ids``) and predict their tokens.

    Each span is masked with probability ``mask_prob`` (at least one span per input that has
    one), all its tokens replaced by ``[MASK]``; the head is BERT's masked-LM head, tied to the
    word embedding by the model.

    Args:
        hidden_size: Encoder width.
        vocab_size: Output vocabulary.
        mask_token_id: Id of ``[MASK]``.
        mask_prob: Probability of masking each span.

    Examples:
        >>> from mmblog.structures import TextDataSample
        >>> task = KnowledgeMaskingTask(hidden_size=8, vocab_size=20, mask_token_id=3)
        >>> s = TextDataSample(km_span_ids=torch.tensor([0, 1, 1, 0, 2]))
        >>> ids, t = task.corrupt(torch.tensor([[1, 7, 8, 9, 10]]), [s], torch.Generator())
        >>> int((ids == 3).sum()) >= 1 and int((t != -100).sum()) == int((ids == 3).sum())
        True
    """

    def __init__(
        self,
        hidden_size: int,
        vocab_size: int,
        mask_token_id: int = 3,
        mask_prob: float = 0.3,
        loss_weight: float = 1.0,
    ):
        nn.Module.__init__(self)
        self.num_classes = vocab_size
        self.loss_weight = loss_weight
        self.mask_token_id = mask_token_id
        self.mask_prob = mask_prob
        self.head = MaskedLMHead(hidden_size, vocab_size)

    def corrupt(
        self, input_ids: torch.Tensor, data_samples: list, generator: torch.Generator | None
    ) -> tuple[torch.Tensor, torch.Tensor | None]:
        """Masked ``input_ids`` and (B, L) targets (original id where masked, -100 elsewhere)."""
        if not data_samples or 'km_span_ids' not in data_samples[0]:
            return input_ids, None
        spans = torch.stack([s.km_span_ids for s in data_samples]).to(input_ids.device)
        spans = spans[:, : input_ids.shape[1]]
        num = int(spans.max()) if spans.numel() else 0
        if num < 1:
            return input_ids, None
        # Draw per (sample, span id) on the CPU generator so runs repeat exactly.
        pick = torch.rand(spans.shape[0], num + 1, generator=generator) < self.mask_prob
        has = torch.zeros(spans.shape[0], num + 1, dtype=torch.bool)
        has.scatter_(1, spans.clamp(min=0).cpu(), True)
        has[:, 0] = False
        pick &= has
        for b in torch.nonzero(has.any(1) & ~pick.any(1)).flatten().tolist():
            choices = torch.nonzero(has[b]).flatten()
            k = choices[torch.randint(len(choices), (1,), generator=generator)]
            pick[b, k] = True
        pick = pick.to(input_ids.device)
        masked = torch.gather(pick, 1, spans.clamp(min=0)) & (spans > 0)
        targets = torch.where(masked, input_ids, torch.full_like(input_ids, IGNORE_INDEX))
        return input_ids.masked_fill(masked, self.mask_token_id), targets

    def logits(self, hidden: torch.Tensor, pooled: torch.Tensor) -> torch.Tensor:
        return self.head(hidden)

    def targets(self, data_samples: list, device: torch.device) -> None:
        # The targets come from corrupt(): they exist only after the input was masked.
        return None
