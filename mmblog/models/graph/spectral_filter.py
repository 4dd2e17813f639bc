"""Spectral graph filters: low-pass cut, heat kernel; exact or by Chebyshev polynomials."""

import math

import torch
import torch.nn as nn

from mmblog.models.layers.graph_normalization import adjacency
from mmblog.registry import MODELS


def frequency_response(kind: str, lam: torch.Tensor, t: float = 1.0, cutoff: float = 1.0):
    """``'heat'``: ``exp(-t lambda)``; ``'low_pass'``: 1 below ``cutoff``, 0 above."""
    if kind == 'heat':
        return torch.exp(-t * lam)
    if kind == 'low_pass':
        return (lam <= cutoff).to(lam.dtype)
    raise ValueError(f"kind must be 'heat' or 'low_pass', got {kind!r}")


def chebyshev_coefficients(response, lam_max: float, order: int, num_points: int = 200):
    """Coefficients ``c_k`` of ``g(lambda) ~ c_0/2 + sum_k c_k T_k(2 lambda / lam_max - 1)`` by
    Chebyshev-Gauss quadrature."""
    theta = (torch.arange(num_points, dtype=torch.float64) + 0.5) * math.pi / num_points
    g = response(lam_max / 2 * (torch.cos(theta) + 1))
    k = torch.arange(order + 1, dtype=torch.float64)
    return 2 / num_points * (torch.cos(k[:, None] * theta[None]) * g[None]).sum(1)


@MODELS.register_module()
class SpectralFilter(nn.Module):
    """``g_theta * f = U g(Lambda) U^T f`` on ``L = D - A``.

    ``method='exact'`` diagonalises ``L`` (O(N^3): small graphs); ``method='chebyshev'`` applies
    ``sum_k c_k T_k(L~) f`` with ``L~ = 2 L / lambda_max - I`` by the three-term recurrence,
    sparse matrix products only (Hammond et al.; the route to big graphs). ``lambda_max`` is
    bounded by ``2 max degree`` (no eigendecomposition).

    Args:
        kind: ``'heat'`` or ``'low_pass'``.
        t: Heat-kernel time.
        cutoff: Low-pass cut-off frequency.
        method: ``'exact'`` or ``'chebyshev'``.
        order: Chebyshev order.
    """

    def __init__(
        self,
        kind: str = 'heat',
        t: float = 1.0,
        cutoff: float = 1.0,
        method: str = 'exact',
        order: int = 30,
    ):
        super().__init__()
        if method not in ('exact', 'chebyshev'):
            raise ValueError(f"method must be 'exact' or 'chebyshev', got {method!r}")
        self.kind, self.t, self.cutoff, self.method, self.order = kind, t, cutoff, method, order

    def response(self, lam: torch.Tensor) -> torch.Tensor:
        return frequency_response(self.kind, lam, self.t, self.cutoff)

    def forward(self, f: torch.Tensor, edge_index: torch.Tensor, num_nodes: int) -> torch.Tensor:
        if self.method == 'exact':
            from .gft import GraphFourierTransform

            return GraphFourierTransform(edge_index, num_nodes).filter(f, self.response)
        a = adjacency(edge_index, num_nodes, torch.float64)
        deg = torch.sparse.sum(a, 1).to_dense()
        lam_max = max(2 * float(deg.max()), 1e-6)

        def lap_scaled(v):  # (2 L / lam_max - I) v with L = D - A
            lv = deg[:, None] * v - torch.sparse.mm(a, v)
            return 2 / lam_max * lv - v

        x = f.to(torch.float64).reshape(num_nodes, -1)
        c = chebyshev_coefficients(self.response, lam_max, self.order)
        t_prev, t_cur = x, lap_scaled(x)
        out = c[0] / 2 * t_prev + c[1] * t_cur
        for k in range(2, self.order + 1):
            t_prev, t_cur = t_cur, 2 * lap_scaled(t_cur) - t_prev
            out = out + c[k] * t_cur
        return out.reshape(f.shape)
