import math

import pytest
import torch

from mmblog.datasets import GPCurvesDataset, gp_batch_collate
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


def test_cnp_log_prob_and_sigma_bound():
    torch.manual_seed(0)
    cnp = MODELS.build(dict(type='CNP'))
    inputs = dict(
        context_x=torch.randn(2, 4, 1),
        context_y=torch.randn(2, 4, 1),
        target_x=torch.randn(2, 7, 1),
    )
    target_y = torch.randn(2, 7, 1)
    mu, sigma = cnp(inputs)
    assert mu.shape == sigma.shape == (2, 7, 1)
    assert (sigma >= 0.1).all()
    manual = -0.5 * ((target_y - mu) / sigma) ** 2 - sigma.log() - 0.5 * math.log(2 * math.pi)
    loss = cnp(inputs, dict(target_y=target_y), mode='loss')['loss_nll']
    assert loss.item() == pytest.approx(-manual.mean().item(), rel=1e-5)
    # The representation is a mean: context order does not matter.
    perm = torch.randperm(4)
    shuffled = dict(
        inputs, context_x=inputs['context_x'][:, perm], context_y=inputs['context_y'][:, perm]
    )
    assert torch.allclose(cnp(shuffled)[0], mu, atol=1e-6)


def test_cnp_rejects_bad_decoder_size():
    with pytest.raises(ValueError, match='2 \\* y_size'):
        MODELS.build(dict(type='CNP', decoder_output_sizes=[16, 3]))


def test_cnp_learns_gp_curves():
    """A few hundred Adam steps on the GP data lower the test NLL well below its start."""
    torch.manual_seed(0)
    cnp = MODELS.build(
        dict(type='CNP', encoder_output_sizes=[64, 64, 64], decoder_output_sizes=[64, 2])
    )
    train = GPCurvesDataset(batch_size=32, num_batches=400, seed=0)
    test = GPCurvesDataset(batch_size=16, testing=True, num_batches=2, seed=1)

    def test_nll():
        with torch.no_grad():
            return (
                sum(
                    cnp(**gp_batch_collate([test[i]]), mode='loss')['loss_nll'].item()
                    for i in range(2)
                )
                / 2
            )

    before = test_nll()
    opt = torch.optim.Adam(cnp.parameters(), lr=2e-3)
    for i in range(400):
        loss = cnp(**gp_batch_collate([train[i]]), mode='loss')['loss_nll']
        opt.zero_grad()
        loss.backward()
        opt.step()
    after = test_nll()
    assert after < before - 0.15
