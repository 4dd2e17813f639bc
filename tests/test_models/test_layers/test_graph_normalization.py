"""Every adjacency normalisation against a direct numpy computation."""

import numpy as np
import torch

from mmblog.models.layers.graph_normalization import (
    diag_enhanced_adj,
    laplacian,
    row_norm_adj,
    sparse_dropout_values,
    sym_norm_adj,
)


def small_graph():
    e = np.array([[0, 1], [0, 2], [1, 2], [2, 3], [3, 4]])
    a = np.zeros((6, 6))  # node 5 is isolated
    a[e[:, 0], e[:, 1]] = a[e[:, 1], e[:, 0]] = 1
    ei = torch.from_numpy(np.concatenate([e, e[:, ::-1]]).T.copy())
    return a, ei


def test_sym_norm_with_and_without_self_loops():
    a, ei = small_graph()
    at = a + np.eye(6)
    d = at.sum(1)
    ref = at / np.sqrt(d)[:, None] / np.sqrt(d)[None]
    assert np.allclose(sym_norm_adj(ei, 6).to_dense().numpy(), ref, atol=1e-6)
    d0 = a.sum(1)
    inv = np.where(d0 > 0, 1 / np.sqrt(np.maximum(d0, 1e-12)), 0)
    ref0 = inv[:, None] * a * inv[None]
    assert np.allclose(sym_norm_adj(ei, 6, self_loops=False).to_dense().numpy(), ref0, atol=1e-6)


def test_row_norm_and_diagonal_enhancement():
    a, ei = small_graph()
    d = a.sum(1)
    ref = np.divide(a, d[:, None], out=np.zeros_like(a), where=d[:, None] > 0)
    assert np.allclose(row_norm_adj(ei, 6).to_dense().numpy(), ref, atol=1e-6)
    at = a + np.eye(6)
    tilde = at / at.sum(1, keepdims=True)
    assert np.allclose(row_norm_adj(ei, 6, self_loops=True).to_dense().numpy(), tilde, atol=1e-6)
    lam = 0.7
    enhanced = tilde + lam * np.diag(np.diag(tilde))
    assert np.allclose(diag_enhanced_adj(ei, 6, lam).to_dense().numpy(), enhanced, atol=1e-6)


def test_laplacians():
    a, ei = small_graph()
    d = a.sum(1)
    assert np.allclose(laplacian(ei, 6).numpy(), np.diag(d) - a)
    inv = np.where(d > 0, 1 / np.sqrt(np.maximum(d, 1e-12)), 0)
    sym = np.diag((d > 0).astype(float)) - inv[:, None] * a * inv[None]
    assert np.allclose(laplacian(ei, 6, 'sym').numpy(), sym)
    rw = np.diag((d > 0).astype(float)) - np.divide(
        a, d[:, None], out=np.zeros_like(a), where=d[:, None] > 0
    )
    assert np.allclose(laplacian(ei, 6, 'rw').numpy(), rw)


def test_sparse_dropout_keeps_pattern_and_scales():
    _, ei = small_graph()
    m = sym_norm_adj(ei, 6).to_sparse_csr()
    torch.manual_seed(0)
    out = sparse_dropout_values(m, 0.5, True)
    v, v0 = out.values(), m.values()
    assert torch.equal(out.col_indices(), m.col_indices())
    kept = v != 0
    assert torch.allclose(v[kept], 2 * v0[kept]) and 0 < kept.sum() < len(v0)
    assert sparse_dropout_values(m, 0.5, False) is m
