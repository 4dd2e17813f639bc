import math

import pytest
import torch

from mmblog.models.quantizers import (
    VectorQuantizer,
    VectorQuantizerEMA,
    code_perplexity,
    nearest_codes,
)


def test_nearest_codes_matches_brute_force():
    g = torch.Generator().manual_seed(0)
    flat, codebook = torch.randn(200, 8, generator=g), torch.randn(32, 8, generator=g)
    brute = torch.stack([((codebook - z) ** 2).sum(1).argmin() for z in flat])
    assert torch.equal(nearest_codes(flat, codebook), brute)


def test_quantizer_output_loss_and_straight_through():
    torch.manual_seed(0)
    vq = VectorQuantizer(16, 4, beta=0.25)
    z_e = torch.randn(2, 4, 3, 5, requires_grad=True)
    out = vq(z_e)
    assert out['indices'].shape == (2, 3, 5)
    z_q = vq.embed_codes(out['indices'])
    assert torch.allclose(out['quantized'], z_q)
    # codebook + beta * commitment; both terms equal ||z_e - e||^2 in value.
    mse = (z_e - z_q).pow(2).mean()
    assert out['loss'].item() == pytest.approx(1.25 * mse.item(), rel=1e-5)
    # Straight-through: the gradient wrt the quantised output reaches z_e unchanged.
    weights = torch.randn_like(z_e)
    (out['quantized'] * weights).sum().backward(retain_graph=True)
    assert torch.allclose(z_e.grad, weights)
    assert vq.embedding.weight.grad is None  # no gradient to the codebook through the copy
    # The codebook is trained by the codebook term of the loss.
    out['loss'].backward()
    assert vq.embedding.weight.grad.abs().sum() > 0


def test_quantizer_rejects_wrong_channels():
    with pytest.raises(ValueError, match=r'\(B, 4, H, W\)'):
        VectorQuantizer(8, 4)(torch.randn(1, 3, 2, 2))


def test_perplexity_bounds():
    assert code_perplexity(torch.zeros(100, dtype=torch.long), 8).item() == pytest.approx(1.0)
    assert code_perplexity(torch.arange(8).repeat(5), 8).item() == pytest.approx(8.0, rel=1e-4)


def test_ema_codebook_moves_to_cluster_means():
    torch.manual_seed(0)
    vq = VectorQuantizerEMA(2, 2, decay=0.0, eps=1e-8, init_from_data=False)
    vq.embedding.weight.data = torch.tensor([[-1.0, 0.0], [1.0, 0.0]])
    vq.embed_avg.copy_(vq.embedding.weight.data)
    left = torch.tensor([[-2.0, 1.0], [-4.0, 1.0]])
    right = torch.tensor([[3.0, -1.0], [5.0, -1.0]])
    z_e = torch.cat([left, right]).t().reshape(1, 2, 2, 2)  # 4 vectors as a 2x2 map
    vq.train()
    out = vq(z_e)
    # decay 0: each code becomes the mean of the vectors assigned to it.
    assert torch.allclose(vq.codebook, torch.tensor([[-3.0, 1.0], [4.0, -1.0]]), atol=1e-5)
    # The EMA codebook gets no gradient; the loss is beta * commitment only.
    assert not vq.embedding.weight.requires_grad
    assert out['loss'].item() >= 0


def test_ema_data_init_spreads_codes_over_the_encoder_outputs():
    torch.manual_seed(0)
    z_e = torch.randn(4, 3, 8, 8) * 0.01  # small outputs, as a freshly initialised encoder gives
    assert VectorQuantizerEMA(16, 3, init_from_data=False).train()(z_e)['perplexity'] < 2
    vq = VectorQuantizerEMA(16, 3).train()
    assert vq(z_e)['perplexity'] > 8
    assert bool(vq.initialized)
    # Eval mode never re-initialises.
    before = vq.codebook.clone()
    vq.eval()(z_e + 1)
    assert torch.equal(before, vq.codebook)


def test_ema_laplace_smoothing_keeps_unused_codes_finite():
    vq = VectorQuantizerEMA(8, 3, decay=0.99, init_from_data=False)
    vq.train()
    for _ in range(3):
        vq(torch.randn(2, 3, 4, 4) * 0.01 + 5)  # all vectors go to very few codes
    assert torch.isfinite(vq.codebook).all()
    assert vq.cluster_size.sum().item() > 0
    assert not math.isnan(float(vq.cluster_size.min()))
