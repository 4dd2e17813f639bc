"""Pad a batch of token sequences to its longest one and move it to the model's device."""

import torch
from mmengine.model import BaseDataPreprocessor

from mmblog.registry import MODELS

IGNORE_INDEX = -100


def pad_sequences(seqs, value: int, length: int | None = None) -> torch.Tensor:
    """Stack 1-D tensors into (B, length) padded on the right with ``value``."""
    seqs = [torch.as_tensor(s) for s in seqs]
    length = length or max((len(s) for s in seqs), default=0)
    out = seqs[0].new_full((len(seqs), length), value) if seqs else torch.zeros(0, 0)
    for i, s in enumerate(seqs):
        out[i, : len(s)] = s
    return out


@MODELS.register_module()
class TextDataPreprocessor(BaseDataPreprocessor):
    """Batch token inputs: pad to the longest sequence (or a multiple), build the mask, move.

    ``inputs`` from :class:`~mmblog.datasets.transforms.PackTextInputs` arrive as a dict of
    lists of 1-D long tensors (mmengine's ``pseudo_collate``) or of already stacked (B, L)
    tensors. Output ``inputs`` is a dict of (B, L) tensors on the model's device, with
    ``attention_mask`` (1 = token, 0 = padding) added when missing. Per-token labels in the data
    samples (``label_keys``) are padded with -100 to the same length and moved too.

    Args:
        pad_token_id: Id written into padded ``input_ids`` (BERT 0, RoBERTa 1).
        pad_to_multiple_of: Round the batch length up to a multiple (tensor-core friendly).
        pad_values: Padding value of other input keys (default 0).
        label_keys: Per-token data-sample fields padded with -100.

    Examples:
        >>> pre = TextDataPreprocessor(pad_token_id=0)
        >>> batch = pre(dict(inputs=dict(input_ids=[torch.tensor([2, 7, 3]), torch.tensor([2, 3])])))
        >>> batch['inputs']['input_ids'].tolist(), batch['inputs']['attention_mask'].tolist()
        ([[2, 7, 3], [2, 3, 0]], [[1, 1, 1], [1, 1, 0]])
    """

    def __init__(
        self,
        pad_token_id: int = 0,
        pad_to_multiple_of: int | None = None,
        pad_values: dict | None = None,
        label_keys: tuple[str, ...] = ('mlm_labels',),
        non_blocking: bool = False,
    ):
        super().__init__(non_blocking=non_blocking)
        self.pad_token_id = pad_token_id
        self.pad_to_multiple_of = pad_to_multiple_of
        self.pad_values = dict(pad_values or {})
        self.label_keys = label_keys

    def forward(self, data: dict, training: bool = False) -> dict:
        inputs = data['inputs']
        if not isinstance(inputs, dict) or 'input_ids' not in inputs:
            raise TypeError(
                'TextDataPreprocessor expects inputs as a dict with input_ids (from PackTextInputs)'
            )
        ids = inputs['input_ids']
        lengths = [len(s) for s in ids]
        length = max(lengths, default=0)
        if self.pad_to_multiple_of:
            length = -(-length // self.pad_to_multiple_of) * self.pad_to_multiple_of
        batch = {}
        for key, seqs in inputs.items():
            value = self.pad_token_id if key == 'input_ids' else self.pad_values.get(key, 0)
            batch[key] = pad_sequences(seqs, value, length)
        if 'attention_mask' not in batch:
            mask = torch.zeros(len(lengths), length, dtype=torch.long)
            for i, n in enumerate(lengths):
                mask[i, :n] = 1
            batch['attention_mask'] = mask
        samples = data.get('data_samples')
        for sample in samples or []:
            for key in self.label_keys:
                if key in sample:
                    sample.set_field(pad_sequences([sample.get(key)], IGNORE_INDEX, length)[0], key)
        return self.cast_data(dict(inputs=batch, data_samples=samples))
