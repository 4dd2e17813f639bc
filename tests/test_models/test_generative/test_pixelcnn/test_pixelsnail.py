import math

import pytest
import torch
from torch import nn
from torch.nn.utils import parametrize

from mmblog.registry import MODELS
from mmblog.utils import register_all_modules

register_all_modules()
# rosinality/vq-vae-2-pytorch @ ef5f67c, train_pixelsnail.py's top prior
# PixelSNAIL([32, 32], 512, 256, 5, 4, 4, 256, dropout=0.1) and bottom prior (attention=False,
# n_cond_res_block=3, cond_res_channel=256): sum(p.numel()), measured outside this repository.
REFERENCE_TOP = 84_873_280
REFERENCE_BOTTOM = 89_762_816
TINY = dict(
    type='PixelSNAIL',
    num_codes=5,
    channels=8,
    kernel_size=3,
    num_blocks=2,
    num_res_layers=1,
    res_channels=8,
    num_heads=2,
)


@pytest.fixture(autouse=True)
def one_torch_thread():
    """One thread: on a shared 2-core machine, two threads per process thrash; restored after."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def dependency_map(net, h, w, cond=None) -> torch.Tensor:
    """deps[p, q]: does any logit at position p have a non-zero derivative wrt input at q?"""
    torch.manual_seed(0)
    net.eval()
    x = torch.randn(1, net.num_codes, h, w, requires_grad=True)
    logits = net.forward_onehot(x, cond)
    deps = torch.zeros(h * w, h * w, dtype=torch.bool)
    for p in range(h * w):
        (grad,) = torch.autograd.grad(logits[0, :, p // w, p % w].sum(), x, retain_graph=True)
        deps[p] = grad[0].abs().sum(0).flatten() > 0
    return deps


def test_causal_masking_output_never_sees_its_own_or_later_inputs():
    net = MODELS.build(TINY)
    h, w = 4, 5
    deps = dependency_map(net, h, w)
    earlier = torch.ones(h * w, h * w, dtype=torch.bool).tril(-1)
    assert not (deps & ~earlier).any()  # position p never depends on inputs q >= p
    # Attention gives the last position every earlier one; the first sees nothing.
    assert deps[-1, :-1].all()
    assert not deps[0].any()
    # The same through the code interface: changing codes at positions >= p leaves the logits
    # at positions <= p unchanged.
    codes = torch.randint(0, 5, (1, h, w))
    base = net(codes).flatten(2)
    for p in range(h * w):
        other = codes.clone().flatten()
        other[p:] = (other[p:] + 1 + torch.randint(0, 4, (h * w - p,))) % 5
        out = net(other.view(1, h, w)).flatten(2)
        assert torch.allclose(out[:, :, : p + 1], base[:, :, : p + 1], atol=1e-6)
        if p < h * w - 1:
            assert not torch.allclose(out[:, :, p + 1 :], base[:, :, p + 1 :])


def test_bottom_prior_is_causal_and_conditioned_on_the_top_codes():
    net = MODELS.build(dict(TINY, attention=False, cond_num_codes=3, cond_channels=4))
    cond = torch.randint(0, 3, (1, 2, 3))
    deps = dependency_map(net, 4, 6, cond=cond)
    assert not (deps & ~torch.ones(24, 24, dtype=torch.bool).tril(-1)).any()
    codes = torch.zeros(1, 4, 6, dtype=torch.long)
    assert not torch.allclose(net(codes, cond=cond), net(codes, cond=(cond + 1) % 3))
    with pytest.raises(ValueError, match='cond'):
        net(codes)
    with pytest.raises(ValueError, match='cond_upsample'):
        net(codes, cond=torch.zeros(1, 4, 6, dtype=torch.long))
    with pytest.raises(ValueError, match='label'):
        net(codes, label=torch.zeros(1, dtype=torch.long), cond=cond)


@pytest.mark.parametrize(
    'extra, expected',
    [({}, REFERENCE_TOP), (dict(attention=False, cond_num_codes=512), REFERENCE_BOTTOM)],
)
def test_parameter_count_at_the_reference_settings(extra, expected):
    with torch.device('meta'):
        net = MODELS.build(dict(type='PixelSNAIL', num_codes=512, **extra))
    n = sum(p.numel() for p in net.parameters())
    assert abs(n / expected - 1) < 0.01
    assert n == expected  # same structure, so in fact exactly the same count
    # Masks are (kh, kw) planes, not copies of the weights.
    assert sum(b.numel() for b in net.buffers()) < 1e-4 * n


def test_every_conv_and_linear_is_weight_normalised():
    net = MODELS.build(dict(TINY, num_out_res_blocks=1))
    layers = [m for m in net.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    assert len(layers) > 10
    assert all(parametrize.is_parametrized(m, 'weight') for m in layers)


def test_prior_learns_code_structure_below_log_k():
    """Rows of one code: after a few steps the NLL is far below the uniform log K."""
    torch.manual_seed(0)
    k = 8
    prior = MODELS.build(dict(type='PixelCNNPrior', net=dict(TINY, num_codes=k, dropout=0.0)))
    codes = torch.randint(0, k, (64, 4, 1)).expand(-1, -1, 4).contiguous()
    opt = torch.optim.Adam(prior.parameters(), lr=1e-2)
    for _ in range(60):
        loss = prior(dict(codes=codes), mode='loss')['loss_nll']
        opt.zero_grad()
        loss.backward()
        opt.step()
    prior.eval()
    results = prior(dict(codes=codes), mode='predict')
    nll = sum(r['nll_sum'] for r in results) / sum(r['num_codes'] for r in results)
    # The first code of each row is uniform (log K), the other three are predictable.
    assert nll < 0.5 * math.log(k)
    samples = prior.sample(4, (4, 4), generator=torch.Generator().manual_seed(0))
    assert samples.shape == (4, 4, 4)
