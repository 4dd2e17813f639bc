import math

import pytest
import torch

from mmblog.evaluation.metrics import CNPMetric, PriorNLL, ReconstructionMetric


def test_reconstruction_metric_closed_form():
    metric = ReconstructionMetric()
    orig = torch.zeros(2, 3, 2, 2)
    orig[1] = 1.0
    recon = orig + 0.1
    codes = [torch.tensor([[0, 1], [2, 3]]), torch.tensor([[0, 1], [2, 3]])]
    metric.process(
        None,
        [
            dict(recon=recon[i], orig=orig[i], codes={'codes': codes[i]}, num_codes={'codes': 8})
            for i in range(2)
        ],
    )
    out = metric.compute_metrics(metric.results)
    assert out['mse'] == pytest.approx(0.01)
    assert out['psnr'] == pytest.approx(20.0)
    assert out['data_var'] == pytest.approx(0.25)
    assert out['perplexity'] == pytest.approx(4.0)
    assert out['usage'] == pytest.approx(0.5)


def test_prior_nll_bits():
    metric = PriorNLL()
    metric.process(None, [dict(nll_sum=2 * math.log(2) * 16, num_codes=16, codebook_size=64)])
    out = metric.compute_metrics(metric.results)
    assert out['bits_per_dim'] == pytest.approx(2.0)
    assert out['uniform_nll'] == pytest.approx(math.log(64))


def test_cnp_metric_sigma_near_far():
    metric = CNPMetric(near=0.01, far=0.5)
    tx = torch.linspace(-2, 2, 81)[:, None]
    sigma = 0.1 + (tx - 0.0).abs()  # grows away from the single context at 0
    metric.process(
        None,
        [
            dict(
                nll=0.3,
                mu=torch.zeros_like(tx),
                sigma=sigma,
                target_x=tx,
                target_y=torch.ones_like(tx),
                context_x=torch.zeros(1, 1),
                context_y=torch.zeros(1, 1),
            )
        ],
    )
    out = metric.compute_metrics(metric.results)
    assert out['nll'] == pytest.approx(0.3) and out['mse'] == pytest.approx(1.0)
    assert out['sigma_near'] == pytest.approx(0.1)
    assert out['sigma_far'] > 1.0
