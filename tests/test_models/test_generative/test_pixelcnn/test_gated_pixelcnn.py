import pytest
import torch

from mmblog.registry import MODELS
from mmblog.utils import register_all_modules

register_all_modules()


@pytest.fixture(autouse=True)
def one_torch_thread():
    """One thread: on a shared 2-core machine, two threads per process thrash; restored after."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def dependency_map(net, h=5, w=5, **kwargs):
    """d logits[pos] / d embedded input, per (pos, input position)."""
    torch.manual_seed(0)
    net.eval()
    codes = torch.randint(0, net.num_codes, (1, h, w))
    emb = net.embed(codes).detach().requires_grad_(True)
    orig = net.embed.forward
    net.embed.forward = lambda _c: emb
    try:
        logits = net(codes, **kwargs)
    finally:
        net.embed.forward = orig
    deps = torch.zeros(h * w, h * w, dtype=torch.bool)
    for p in range(h * w):
        (grad,) = torch.autograd.grad(logits[0, :, p // w, p % w].sum(), emb, retain_graph=True)
        deps[p] = grad[0].abs().sum(-1).flatten() > 0
    return deps


@pytest.mark.parametrize(
    'net_cfg',
    [
        dict(type='GatedPixelCNN', num_codes=6, channels=8, num_layers=4),
        dict(type='GatedPixelCNN', num_codes=6, channels=8, num_layers=5, attention_every=2),
    ],
)
def test_prior_is_autoregressive_without_blind_spot(net_cfg):
    net = MODELS.build(net_cfg)
    deps = dependency_map(net)
    earlier = torch.ones(25, 25, dtype=torch.bool).tril(-1)
    # Never sees itself or later positions ...
    assert not (deps & ~earlier).any()
    # ... and (no blind spot) sees every earlier position once the stack is deep enough.
    assert deps[24, :24].all()


def test_conditioned_prior_is_autoregressive_and_uses_the_condition():
    net = MODELS.build(
        dict(
            type='GatedPixelCNN',
            num_codes=6,
            channels=8,
            num_layers=4,
            cond_num_codes=3,
            cond_channels=4,
            cond_upsample=2,
        )
    )
    cond = torch.randint(0, 3, (1, 2, 3))
    deps = dependency_map(net, h=4, w=6, cond=cond)
    assert not (deps & ~torch.ones(24, 24, dtype=torch.bool).tril(-1)).any()
    codes = torch.zeros(1, 4, 6, dtype=torch.long)
    a, b = net(codes, cond=cond), net(codes, cond=(cond + 1) % 3)
    assert not torch.allclose(a, b)
    with pytest.raises(ValueError, match='cond'):
        net(codes)


def test_masks_are_not_weight_sized():
    net = MODELS.build(dict(type='GatedPixelCNN', num_codes=16, channels=32, num_layers=4))
    buffers = sum(b.numel() for b in net.buffers())
    # Only the first (type 'A') layer has masks, one (kh, kw) plane per stack.
    assert buffers == 4 * 7 + 1 * 4
