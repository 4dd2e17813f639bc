"""The interface of an ERNIE 2.0 pre-training task: a head that turns encoder outputs into logits
for the tokens or sentences that carry its labels."""

from abc import ABCMeta, abstractmethod

import torch
import torch.nn as nn

IGNORE_INDEX = -100


class BaseErnie2Task(nn.Module, metaclass=ABCMeta):
    """A task's head; :class:`Ernie2PretrainModel` adds its cross-entropy to the step's loss.

    Class attributes:
        level: ``'token'`` (labels per token, computed on any input) or ``'sentence'`` (one label
            per input of :attr:`data_format`; one sentence-level task per step).
        data_format: The :class:`~mmblog.datasets.text.Ernie2TaskDataset` format whose batches
            the task's own iterations draw.

    Args:
        hidden_size: Encoder width.
        num_classes: Output classes.
        loss_weight: Weight of the task's loss.
    """

    level = 'token'
    data_format = 'segment'

    def __init__(self, hidden_size: int, num_classes: int, loss_weight: float = 1.0):
        super().__init__()
        self.num_classes = num_classes
        self.loss_weight = loss_weight
        self.fc = nn.Linear(hidden_size, num_classes)

    @abstractmethod
    def targets(self, data_samples: list, device: torch.device) -> torch.Tensor | None:
        """(B, L) or (B,) labels with -100 where the task has none; None if no sample has any."""

    def logits(self, hidden: torch.Tensor, pooled: torch.Tensor) -> torch.Tensor:
        """(B, L, C) for token tasks, (B, C) for sentence tasks."""
        return self.fc(hidden if self.level == 'token' else pooled)


class Ernie2TokenTask(BaseErnie2Task):
    """A per-token classification whose labels sit in the data samples' ``label_key``."""

    label_key = ''

    def targets(self, data_samples: list, device: torch.device) -> torch.Tensor | None:
        if not data_samples or self.label_key not in data_samples[0]:
            return None
        t = torch.stack([s.get(self.label_key) for s in data_samples]).to(device)
        return t if bool((t != IGNORE_INDEX).any()) else None


class Ernie2SentenceTask(BaseErnie2Task):
    """A classification of the pooled [CLS] for inputs of the task's own ``data_format``."""

    level = 'sentence'

    def targets(self, data_samples: list, device: torch.device) -> torch.Tensor | None:
        labels = [
            int(s.gt_label) if s.metainfo.get('task') == self.data_format else IGNORE_INDEX
            for s in data_samples
        ]
        if all(v == IGNORE_INDEX for v in labels):
            return None
        return torch.tensor(labels, device=device)
