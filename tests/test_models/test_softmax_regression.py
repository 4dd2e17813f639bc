"""The seed's softmax regression: zero init, cost log(10), and one SGD step by hand."""

import math

import torch
from mmengine.config import Config

from mmblog.registry import MODELS
from mmblog.structures import ClsDataSample
from mmblog.utils import register_all_modules


def _model(repo_root):
    register_all_modules()
    cfg = Config.fromfile(repo_root / 'configs/mnist/softmax_regression_mnist.py')
    model = MODELS.build(cfg.model)
    model.init_weights()
    return model


def test_zero_init_gives_uniform_softmax_and_log10_cost(repo_root):
    model = _model(repo_root)
    assert torch.count_nonzero(model.head.fc.weight) == 0
    inputs = torch.randint(0, 256, (4, 1, 28, 28), dtype=torch.uint8)
    samples = [ClsDataSample().set_gt_label(i) for i in range(4)]
    data = model.data_preprocessor(dict(inputs=inputs, data_samples=samples), training=True)
    loss = model(**data, mode='loss')['loss']
    assert math.isclose(loss.item(), math.log(10), rel_tol=1e-6)


def test_one_sgd_step_matches_the_closed_form_gradient(repo_root):
    model = _model(repo_root)
    inputs = torch.randint(0, 256, (3, 1, 28, 28), dtype=torch.uint8)
    labels = torch.tensor([2, 5, 5])
    samples = [ClsDataSample().set_gt_label(int(y)) for y in labels]
    data = model.data_preprocessor(dict(inputs=inputs, data_samples=samples), training=True)
    model(**data, mode='loss')['loss'].backward()
    x = inputs.float().flatten(1) / 255.0
    probs = torch.full((3, 10), 0.1)
    grad_logits = (probs - torch.nn.functional.one_hot(labels, 10).float()) / 3
    torch.testing.assert_close(model.head.fc.weight.grad, grad_logits.T @ x)
    torch.testing.assert_close(model.head.fc.bias.grad, grad_logits.sum(0))


def test_predict_fills_scores_that_sum_to_one(repo_root):
    model = _model(repo_root)
    torch.nn.init.normal_(model.head.fc.weight)
    inputs = torch.randint(0, 256, (2, 1, 28, 28), dtype=torch.uint8)
    data = model.data_preprocessor(dict(inputs=inputs, data_samples=None), training=False)
    out = model(**data, mode='predict')
    assert len(out) == 2
    for sample in out:
        assert math.isclose(sample.pred_score.sum().item(), 1.0, rel_tol=1e-5)
        assert sample.pred_label.item() == sample.pred_score.argmax().item()
