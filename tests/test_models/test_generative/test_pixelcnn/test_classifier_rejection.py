import pytest
import torch

from mmblog.models.generative import classifier_rejection


def test_classifier_rejection_keeps_most_confident():
    logits = torch.tensor([[5.0, 0.0], [0.0, 5.0], [1.0, 0.0], [0.0, 0.2]])
    labels = torch.tensor([0, 0, 0, 1])
    keep = classifier_rejection(torch.zeros(4, 1), labels, lambda _x: logits, 0.5)
    assert keep.tolist() == [0, 2]
    with pytest.raises(ValueError, match='accept_fraction'):
        classifier_rejection(torch.zeros(4, 1), labels, lambda _x: logits, 0.0)
