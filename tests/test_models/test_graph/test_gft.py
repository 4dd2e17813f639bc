"""GFT identities, the post's 4-node example, spectral filters (Chebyshev vs exact)."""

import numpy as np
import pytest
import torch

from mmblog.models.graph import (
    GraphFourierTransform,
    SpectralFilter,
    difference_operator,
    post_example_graph,
)


def ring(n=12):
    i = torch.arange(n)
    e = torch.stack([i, (i + 1) % n])
    return torch.cat([e, e.flip(0)], 1), n


def random_graph(n=15, seed=0):
    rng = np.random.default_rng(seed)
    a = np.triu(rng.random((n, n)) < 0.3, 1)
    r, c = np.nonzero(a)
    e = torch.tensor(np.stack([r, c]))
    return torch.cat([e, e.flip(0)], 1), n


@pytest.mark.parametrize('kind', ['combinatorial', 'sym'])
def test_gft_identities(kind):
    ei, n = random_graph()
    t = GraphFourierTransform(ei, n, kind)
    f = torch.randn(n, 3, dtype=torch.float64)
    f_hat = t.gft(f)
    assert torch.allclose(t.igft(f_hat), f, atol=1e-10)  # inverse
    assert torch.allclose(f_hat.pow(2).sum(), f.pow(2).sum())  # Parseval
    lap, u, lam = t.laplacian, t.eigenvectors, t.eigenvalues
    assert torch.all(lam[1:] >= lam[:-1])  # ascending = frequency
    assert torch.allclose(torch.einsum('ni,nm,mi->i', u, lap, u), lam, atol=1e-10)


def test_quadratic_form_is_sum_over_edges():
    ei, n = random_graph(seed=1)
    t = GraphFourierTransform(ei, n)
    f = torch.randn(n, dtype=torch.float64)
    src, dst = ei[:, ei[0] < ei[1]]
    assert torch.allclose(f @ t.laplacian @ f, (f[src] - f[dst]).pow(2).sum())


def test_post_example_difference_operator():
    ei, n = post_example_graph()
    f = torch.tensor([1.0, 2.0, 4.0, 8.0], dtype=torch.float64)
    h = difference_operator(f, ei, n)
    # Node 2 (1-based) has neighbours 1 and 3: h_2 = 2 f_2 - f_1 - f_3.
    assert h[1].item() == 2 * 2 - 1 - 4
    assert torch.allclose(h, GraphFourierTransform(ei, n).laplacian @ f)
    lap = GraphFourierTransform(ei, n).laplacian
    assert torch.equal(lap, lap.t()) and torch.all(lap.diagonal() == torch.tensor([2.0, 2, 3, 1]))


def test_ring_eigenvalues_closed_form():
    ei, n = ring(12)
    lam = GraphFourierTransform(ei, n).eigenvalues
    ref = np.sort(2 - 2 * np.cos(2 * np.pi * np.arange(n) / n))
    assert np.allclose(lam.numpy(), ref, atol=1e-10)


def test_chebyshev_heat_kernel_matches_exact():
    ei, n = random_graph(30, seed=2)
    f = torch.randn(n, 2, dtype=torch.float64)
    exact = SpectralFilter('heat', t=0.5)(f, ei, n)
    cheb = SpectralFilter('heat', t=0.5, method='chebyshev', order=30)(f, ei, n)
    assert torch.allclose(cheb, exact, atol=1e-6)
    low = SpectralFilter('low_pass', cutoff=1.0)(f, ei, n)
    t = GraphFourierTransform(ei, n)
    keep = (t.eigenvalues <= 1.0).double()
    assert torch.allclose(t.gft(low), keep[:, None] * t.gft(f), atol=1e-10)


def test_heat_kernel_denoises_smooth_signal():
    ei, n = ring(64)
    g = torch.Generator().manual_seed(0)
    clean = torch.sin(2 * np.pi * torch.arange(n, dtype=torch.float64) / n)
    noisy = clean + 0.3 * torch.randn(n, generator=g, dtype=torch.float64)
    denoised = SpectralFilter('heat', t=2.0)(noisy, ei, n)
    assert (denoised - clean).pow(2).mean() < 0.5 * (noisy - clean).pow(2).mean()
