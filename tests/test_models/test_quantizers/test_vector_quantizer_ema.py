import pytest
import torch

from mmblog.models.quantizers import VectorQuantizerEMA
from mmblog.registry import MODELS
from mmblog.utils import register_all_modules

register_all_modules()


def paper_ema_step(z_e, codebook, cluster_size, embed_avg, decay, eps, beta):
    """VQ-VAE appendix A.1 / Sonnet's VectorQuantizerEMA, written out directly.

    Lookup with the codebook *before* the update, then EMA of counts and sums, Laplace
    smoothing of the counts, and e_i = m_i / N~_i.
    """
    flat = z_e.permute(0, 2, 3, 1).reshape(-1, z_e.size(1)).double()
    e = codebook.double()
    idx = torch.cdist(flat, e).argmin(1)
    z_q = e[idx]
    loss = beta * (flat - z_q).pow(2).mean()
    k = e.size(0)
    n_i = torch.zeros(k, dtype=torch.float64).index_add_(0, idx, torch.ones(len(idx)).double())
    s_i = torch.zeros_like(e).index_add_(0, idx, flat)
    N = decay * cluster_size.double() + (1 - decay) * n_i
    m = decay * embed_avg.double() + (1 - decay) * s_i
    N_smooth = (N + eps) / (N.sum() + k * eps) * N.sum()
    b, d, h, w = z_e.shape
    return dict(
        indices=idx.view(b, h, w),
        quantized=z_q.view(b, h, w, d).permute(0, 3, 1, 2),
        loss=loss,
        cluster_size=N,
        embed_avg=m,
        codebook=m / N_smooth[:, None],
    )


def test_one_training_step_equals_the_paper_equations():
    g = torch.Generator().manual_seed(0)
    vq = VectorQuantizerEMA(16, 4, beta=0.25, decay=0.9, eps=1e-5, init_from_data=False)
    # A state every code has seen, so the smoothed counts are far from eps.
    vq.embed.copy_(torch.randn(16, 4, generator=g))
    vq.cluster_size.copy_(torch.rand(16, generator=g) * 3 + 0.5)
    vq.embed_avg.copy_(vq.embed * vq.cluster_size[:, None])
    z_e = torch.randn(2, 4, 5, 6, generator=g) * 1.5
    want = paper_ema_step(
        z_e, vq.embed.clone(), vq.cluster_size.clone(), vq.embed_avg.clone(), 0.9, 1e-5, 0.25
    )
    out = vq.train()(z_e)
    assert torch.equal(out['indices'], want['indices'])
    # z_q and the commitment loss come from the codebook before this batch's update.
    assert torch.allclose(out['quantized'].double(), want['quantized'], atol=1e-6)
    assert abs(out['loss'].item() - want['loss'].item()) < 1e-6
    assert torch.allclose(vq.cluster_size.double(), want['cluster_size'], atol=1e-6)
    assert torch.allclose(vq.embed_avg.double(), want['embed_avg'], atol=1e-6)
    assert torch.allclose(vq.codebook.double(), want['codebook'], atol=1e-6)
    # The update did move the codebook, so quantising with the new one would differ.
    assert not torch.allclose(
        vq.codebook.double()[want['indices']], want['quantized'].permute(0, 2, 3, 1)
    )


def test_codebook_is_a_buffer_not_a_parameter():
    vq = VectorQuantizerEMA(512, 64)
    assert list(vq.parameters()) == []
    assert dict(vq.named_buffers())['embed'].shape == (512, 64)
    z_e = torch.randn(2, 64, 3, 3, requires_grad=True)
    vq.train()(z_e)['loss'].backward()
    assert z_e.grad is not None and vq.embed.grad is None


def test_old_checkpoints_with_the_codebook_as_a_parameter_still_load():
    model = MODELS.build(
        dict(type='VQVAE2', channels=16, res_channels=8, embedding_dim=8, num_embeddings=8)
    )
    state = model.state_dict()
    old = {
        (k.replace('.embed', '.embedding.weight') if k.endswith('quantize_t.embed') else k): v
        for k, v in state.items()
    }
    assert 'quantize_t.embedding.weight' in old and 'quantize_t.embed' not in old
    old['quantize_t.embedding.weight'] = torch.randn(8, 8)
    fresh = MODELS.build(
        dict(type='VQVAE2', channels=16, res_channels=8, embedding_dim=8, num_embeddings=8)
    )
    fresh.load_state_dict(old, strict=True)
    assert torch.equal(fresh.quantize_t.codebook, old['quantize_t.embedding.weight'])


def test_zero_count_start_is_stable():
    """From zero counts, used codes jump to the mean of their vectors, unused ones stay put."""
    torch.manual_seed(0)
    vq = VectorQuantizerEMA(32, 3, decay=0.99, init_from_data=False)
    start = vq.codebook.clone()
    z_e = torch.randn(2, 3, 4, 4) * 0.05 + 0.3
    out = vq.train()(z_e)
    flat = z_e.permute(0, 2, 3, 1).reshape(-1, 3)
    idx = out['indices'].flatten()
    for code in range(32):
        members = flat[idx == code]
        if len(members):
            assert torch.allclose(vq.codebook[code], members.mean(0), rtol=1e-3, atol=1e-5)
        else:
            assert torch.equal(vq.codebook[code], start[code])
    assert vq.codebook.abs().max() <= max(start.abs().max(), flat.abs().max())
    # The next step's commitment loss is of the order of the data spread, not 100x larger.
    assert vq(z_e)['loss'].item() < 0.25 * 3 * flat.var(0).sum().item()


def test_decay_zero_moves_codes_to_cluster_means():
    vq = VectorQuantizerEMA(2, 2, decay=0.0, eps=1e-8, init_from_data=False)
    vq.embed.copy_(torch.tensor([[-1.0, 0.0], [1.0, 0.0]]))
    left = torch.tensor([[-2.0, 1.0], [-4.0, 1.0]])
    right = torch.tensor([[3.0, -1.0], [5.0, -1.0]])
    z_e = torch.cat([left, right]).t().reshape(1, 2, 2, 2)  # 4 vectors as a 2x2 map
    out = vq.train()(z_e)
    assert torch.allclose(vq.codebook, torch.tensor([[-3.0, 1.0], [4.0, -1.0]]), atol=1e-5)
    assert out['loss'].item() >= 0


def test_data_init_spreads_codes_over_the_encoder_outputs():
    torch.manual_seed(0)
    z_e = torch.randn(4, 3, 8, 8) * 0.01  # small outputs, as a freshly initialised encoder gives
    assert VectorQuantizerEMA(16, 3, init_from_data=False).train()(z_e)['perplexity'] < 2
    vq = VectorQuantizerEMA(16, 3).train()
    assert vq(z_e)['perplexity'] > 8
    assert bool(vq.initialized)
    before = vq.codebook.clone()
    vq.eval()(z_e + 1)  # eval mode neither re-initialises nor updates
    assert torch.equal(before, vq.codebook)


def test_unused_codes_stay_finite_over_steps():
    vq = VectorQuantizerEMA(8, 3, decay=0.99, init_from_data=False).train()
    for _ in range(3):
        vq(torch.randn(2, 3, 4, 4) * 0.01 + 5)  # all vectors go to very few codes
    assert torch.isfinite(vq.codebook).all()
    assert vq.codebook.abs().max() < 10


def test_rejects_wrong_channels():
    with pytest.raises(ValueError, match=r'\(B, 4, H, W\)'):
        VectorQuantizerEMA(8, 4)(torch.randn(1, 3, 2, 2))
