"""TextDataPreprocessor pads to the longest sequence, builds the mask, pads labels with -100."""

import pytest
import torch
from mmengine.dataset import pseudo_collate

from mmblog.models.data_preprocessors import TextDataPreprocessor
from mmblog.structures import TextDataSample


def example(ids, labels):
    sample = TextDataSample(mlm_labels=torch.tensor(labels))
    return dict(inputs=dict(input_ids=torch.tensor(ids)), data_samples=sample)


def test_pads_builds_mask_and_pads_labels():
    batch = pseudo_collate(
        [example([2, 9, 9, 3], [-100, 7, -100, -100]), example([2, 3], [-100, -100])]
    )
    out = TextDataPreprocessor(pad_token_id=1, pad_to_multiple_of=8)(batch)
    ids = out['inputs']['input_ids']
    assert ids.shape == (2, 8) and ids[1].tolist() == [2, 3] + [1] * 6
    assert out['inputs']['attention_mask'].tolist() == [[1] * 4 + [0] * 4, [1] * 2 + [0] * 6]
    assert out['data_samples'][0].mlm_labels.tolist() == [-100, 7] + [-100] * 6
    assert out['data_samples'][1].mlm_labels.shape == (8,)


def test_keeps_given_masks_and_rejects_other_inputs():
    inputs = dict(
        input_ids=[torch.tensor([5, 6, 7]), torch.tensor([5])],
        attention_mask=[torch.tensor([1, 1, 0]), torch.tensor([1])],
        token_type_ids=[torch.tensor([0, 1, 1]), torch.tensor([0])],
    )
    out = TextDataPreprocessor()(dict(inputs=inputs))
    assert out['inputs']['attention_mask'].tolist() == [[1, 1, 0], [1, 0, 0]]
    assert out['inputs']['token_type_ids'].tolist() == [[0, 1, 1], [0, 0, 0]]
    with pytest.raises(TypeError, match='expects inputs as a dict with input_ids'):
        TextDataPreprocessor()(dict(inputs=torch.zeros(2, 3)))
