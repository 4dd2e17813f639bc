"""The Graph Fourier Transform: Laplacian eigenbasis, forward/inverse transform, spectral filters.

Frequencies are the Laplacian's eigenvalues in ascending order: ``u_i^T L u_i = lambda_i`` is the
total variation ``sum over edges (u_i(a) - u_i(b))^2`` of the i-th basis vector, so a small
eigenvalue is a smooth (low-frequency) signal on the graph.
"""

import torch
import torch.nn as nn

from mmblog.models.layers.graph_normalization import laplacian
from mmblog.registry import MODELS


def post_example_graph() -> tuple[torch.Tensor, int]:
    """The blog post's 4-node example as an undirected graph with edges 1-2, 1-3, 2-3, 3-4
    (0-based below). The post prints an asymmetric matrix with a self-loop that contradicts its
    own ``h_2 = 2 f_2 - f_1 - f_3``; this is the graph that formula describes."""
    e = torch.tensor([[0, 1], [0, 2], [1, 2], [2, 3]]).t()
    return torch.cat([e, e.flip(0)], dim=1), 4


def difference_operator(f: torch.Tensor, edge_index: torch.Tensor, num_nodes: int) -> torch.Tensor:
    """``h_i = sum_j A_ij (f_i - f_j)`` computed edge by edge (equals ``L f``, ``L = D - A``)."""
    src, dst = edge_index
    h = torch.zeros((num_nodes, *f.shape[1:]), dtype=f.dtype)
    return h.index_add_(0, src, f[src] - f[dst])


@MODELS.register_module()
class GraphFourierTransform(nn.Module):
    """Eigendecomposition ``L = U Lambda U^T`` of one graph's Laplacian and the transforms.

    ``gft(f) = U^T f`` (signal -> spectrum), ``igft(f_hat) = U f_hat`` (the post's line 569
    writes ``U^T`` for the inverse: a typo), ``filter(f, g) = U g(Lambda) U^T f``.

    Args:
        edge_index: Undirected edges (both directions).
        num_nodes: Number of nodes.
        kind: ``'combinatorial'`` (``D - A``), ``'sym'`` or ``'rw'``. ``'rw'`` is not symmetric;
            its eigenvectors are those of ``'sym'`` scaled by ``D^-1/2``, so use ``'sym'`` for a
            transform with an orthonormal basis.
    """

    def __init__(self, edge_index: torch.Tensor, num_nodes: int, kind: str = 'combinatorial'):
        super().__init__()
        if kind == 'rw':
            raise ValueError(
                "kind='rw' has no orthonormal eigenbasis; use 'sym' or 'combinatorial'"
            )
        lap = laplacian(edge_index, num_nodes, kind)
        evals, evecs = torch.linalg.eigh(lap)
        self.register_buffer('laplacian', lap)
        self.register_buffer('eigenvalues', evals.clamp_min(0))
        self.register_buffer('eigenvectors', evecs)

    def gft(self, f: torch.Tensor) -> torch.Tensor:
        return self.eigenvectors.t() @ f.to(self.eigenvectors.dtype)

    def igft(self, f_hat: torch.Tensor) -> torch.Tensor:
        return self.eigenvectors @ f_hat

    def filter(self, f: torch.Tensor, response) -> torch.Tensor:
        """``U g(Lambda) U^T f`` for a frequency response ``g`` (callable on eigenvalues)."""
        g = response(self.eigenvalues)
        return self.igft(g.reshape(-1, *([1] * (f.dim() - 1))) * self.gft(f))

    def forward(self, f: torch.Tensor) -> torch.Tensor:
        return self.gft(f)
