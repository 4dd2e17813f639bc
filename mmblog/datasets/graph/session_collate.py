"""Collate session prefixes into one right-padded item batch."""

from collections.abc import Sequence

from torch.nn.utils.rnn import pad_sequence

from mmblog.registry import FUNCTIONS


@FUNCTIONS.register_module()
def session_collate(samples: Sequence[dict]) -> dict:
    """``[{'inputs': LongTensor (k_i,), 'data_samples': ...}, ...]`` -> ``{'inputs': (B, max k)
    LongTensor right-padded with 0, 'data_samples': [...]}`` (the session graphs are built from
    it for the whole batch inside the model)."""
    seqs = [s['inputs'] for s in samples]
    return dict(
        inputs=pad_sequence(seqs, batch_first=True, padding_value=0),
        data_samples=[s.get('data_samples') for s in samples],
    )
