"""MaskedTokenAccuracy: accuracy at masked positions and the best constant guess."""

import torch

from mmblog.evaluation.metrics import MaskedTokenAccuracy
from mmblog.structures import TextDataSample


def test_closed_form():
    metric = MaskedTokenAccuracy()
    samples = [
        TextDataSample(
            pred_tokens=torch.tensor([4, 5, 6, 7, 0]), mlm_labels=torch.tensor([-100, 5, 9, 7, 5])
        ),
        TextDataSample(
            pred_tokens=torch.tensor([5, 5, 8]), mlm_labels=torch.tensor([5, -100, -100])
        ),
    ]
    metric.process(None, [s.to_dict() for s in samples])
    out = metric.compute_metrics(metric.results)
    # masked targets 5, 9, 7, 5, 5 -> predictions 5, 6, 7, 0, 5: 3 of 5 right; '5' is 3/5
    assert out == dict(accuracy=0.6, unigram_baseline=0.6, num_masked=5)


def test_evaluate_through_prefix():
    metric = MaskedTokenAccuracy()
    metric.process(
        None, [TextDataSample(pred_tokens=torch.tensor([1, 2]), mlm_labels=torch.tensor([1, 3]))]
    )
    assert metric.evaluate(1) == {
        'mlm/accuracy': 0.5,
        'mlm/unigram_baseline': 0.5,
        'mlm/num_masked': 2,
    }
