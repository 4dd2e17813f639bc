import math

import pytest
import torch

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


def test_bad_mode():
    prior = MODELS.build(
        dict(type='PixelCNNPrior', net=dict(type='GatedPixelCNN', num_codes=4, channels=8))
    )
    with pytest.raises(ValueError, match='mode'):
        prior(dict(codes=torch.zeros(1, 3, 3, dtype=torch.long)), mode='sample')
