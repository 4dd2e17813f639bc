import math

import pytest
import torch

from mmblog.models.generative import classifier_rejection
from mmblog.registry import MODELS
from mmblog.structures import ClsDataSample
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
        dict(type='PixelSNAIL', num_codes=6, channels=8, num_layers=5, num_heads=2),
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


def test_prior_learns_structure_below_uniform_nll_and_samples():
    """Rows of one code (class-dependent) are learnt far below the uniform log K."""
    torch.manual_seed(0)
    k = 8
    prior = MODELS.build(
        dict(
            type='PixelCNNPrior',
            net=dict(type='GatedPixelCNN', num_codes=k, channels=16, num_layers=3, num_classes=2),
        )
    )
    labels = torch.randint(0, 2, (64,))
    row_codes = torch.randint(0, k // 2, (64, 4)) * 2 + labels[:, None]  # parity = class
    codes = row_codes[:, :, None].expand(-1, -1, 4).contiguous()
    samples = [ClsDataSample().set_gt_label(int(lab)) for lab in labels]
    opt = torch.optim.Adam(prior.parameters(), lr=1e-2)
    for _ in range(120):
        loss = prior(dict(codes=codes), samples, mode='loss')['loss_nll']
        opt.zero_grad()
        loss.backward()
        opt.step()
    prior.eval()
    results = prior(dict(codes=codes), samples, mode='predict')
    nll = sum(r['nll_sum'] for r in results) / sum(r['num_codes'] for r in results)
    assert nll < 0.6 * math.log(k)
    out = prior.sample(
        6,
        (4, 4),
        labels=torch.tensor([0, 1, 0, 1, 0, 1]),
        temperature=0.5,
        generator=torch.Generator().manual_seed(0),
    )
    assert out.shape == (6, 4, 4) and out.dtype == torch.long
    # Sampled rows mostly keep the class parity learnt from the data.
    parity_ok = (out % 2 == torch.tensor([0, 1, 0, 1, 0, 1])[:, None, None]).float().mean()
    assert parity_ok > 0.8


def test_class_conditional_prior_needs_labels():
    prior = MODELS.build(
        dict(
            type='PixelCNNPrior',
            net=dict(type='GatedPixelCNN', num_codes=4, channels=8, num_layers=2, num_classes=2),
        )
    )
    with pytest.raises(ValueError, match='labels'):
        prior(dict(codes=torch.zeros(1, 3, 3, dtype=torch.long)), [ClsDataSample()], mode='loss')


def test_classifier_rejection_keeps_most_confident():
    logits = torch.tensor([[5.0, 0.0], [0.0, 5.0], [1.0, 0.0], [0.0, 0.2]])
    labels = torch.tensor([0, 0, 0, 1])
    keep = classifier_rejection(torch.zeros(4, 1), labels, lambda _x: logits, 0.5)
    assert keep.tolist() == [0, 2]
    with pytest.raises(ValueError, match='accept_fraction'):
        classifier_rejection(torch.zeros(4, 1), labels, lambda _x: logits, 0.0)
