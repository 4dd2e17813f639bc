import pytest
import torch

from mmblog.models.quantizers import VectorQuantizer, code_perplexity, nearest_codes


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
