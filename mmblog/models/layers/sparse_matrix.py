"""A CSR matrix that keeps its transpose, so ``A @ X`` backpropagates without re-sorting.

``torch.sparse.mm(csr, dense)`` builds ``A^T`` (a sort of all entries) in every backward pass;
full-graph training multiplies by the same ``A`` (features, propagation matrix) thousands of
times, so the transpose's structure is computed once here and only the values are permuted.
"""

import torch
import torch.nn.functional as F


class _SpMM(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a: torch.Tensor, a_t: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
        ctx.a_t = a_t
        return torch.sparse.mm(a, b)

    @staticmethod
    def backward(ctx, grad: torch.Tensor):
        return None, None, torch.sparse.mm(ctx.a_t, grad)


class SparseMatrix:
    """CSR ``A`` (constant: no gradient w.r.t. its entries) with its transpose.

    Args:
        csr: The matrix in ``torch.sparse_csr`` layout.
    """

    def __init__(self, csr: torch.Tensor, _t=None):
        self.csr = csr
        if _t is None:
            n_rows, n_cols = csr.shape
            crow, col = csr.crow_indices(), csr.col_indices()
            row = torch.repeat_interleave(torch.arange(n_rows, device=crow.device), crow.diff())
            perm = torch.argsort(col * n_rows + row)
            crow_t = torch.zeros(n_cols + 1, dtype=crow.dtype, device=crow.device)
            crow_t[1:] = torch.bincount(col, minlength=n_cols).cumsum(0)
            _t = (crow_t, row[perm].to(col.dtype), perm)
        self._t = _t
        crow_t, col_t, perm = _t
        self.csr_t = torch.sparse_csr_tensor(
            crow_t, col_t, csr.values()[perm], (csr.shape[1], csr.shape[0])
        )

    @classmethod
    def from_csr_pair(cls, csr: torch.Tensor, csr_t: torch.Tensor) -> 'SparseMatrix':
        """``A`` and ``A^T`` both built by the caller (who can often skip a sort). No value
        permutation is kept, so :meth:`with_values` and :meth:`dropout` are unavailable."""
        matrix = cls.__new__(cls)
        matrix.csr, matrix.csr_t, matrix._t = csr, csr_t, None
        return matrix

    @classmethod
    def from_dense_or_sparse(cls, m: torch.Tensor) -> 'SparseMatrix':
        if m.layout == torch.sparse_csr:
            return cls(m)
        return cls(m.to_sparse_csr() if m.layout == torch.strided else m.coalesce().to_sparse_csr())

    @property
    def shape(self):
        return self.csr.shape

    def with_values(self, values: torch.Tensor) -> 'SparseMatrix':
        """The same sparsity pattern with new values (the transpose's structure is reused)."""
        if self._t is None:
            raise ValueError('with_values needs a SparseMatrix built from a CSR matrix, not a pair')
        csr = torch.sparse_csr_tensor(
            self.csr.crow_indices(), self.csr.col_indices(), values, self.csr.shape
        )
        return SparseMatrix(csr, self._t)

    def dropout(self, p: float, training: bool) -> 'SparseMatrix':
        if not training or p == 0:
            return self
        return self.with_values(F.dropout(self.csr.values(), p, True))

    def __matmul__(self, dense: torch.Tensor) -> torch.Tensor:
        return _SpMM.apply(self.csr, self.csr_t, dense)


class _SymmetricSpMM(torch.autograd.Function):
    @staticmethod
    def forward(ctx, b: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        ctx.b = b
        return torch.sparse.mm(b, x)

    @staticmethod
    def backward(ctx, grad: torch.Tensor):
        # B is symmetric: B^T grad = B grad, so no transposed structure is ever built.
        return None, torch.sparse.mm(ctx.b, grad)


class ScaledSymmetricAdjacency:
    """``diag(row_scale) B + diag(self_scale)`` for a 0/1 symmetric CSR matrix ``B`` (an
    undirected graph without self-loops).

    Row normalisations of ``A`` or ``A + I`` have this form, and their transpose
    ``B diag(row_scale) + diag(self_scale)`` reuses ``B`` itself, so neither the forward nor the
    backward pass sorts anything: a new subgraph every step (Cluster-GCN) costs no ``argsort``.

    Args:
        crow_indices, col_indices: CSR structure of ``B`` (must be symmetric; not checked).
        row_scale: Per-row factor applied to ``B @ x``.
        self_scale: Per-row factor of the identity term (None: no identity term).
    """

    def __init__(self, crow_indices, col_indices, row_scale, self_scale=None):
        n = row_scale.numel()
        ones = torch.ones(col_indices.numel(), dtype=row_scale.dtype, device=row_scale.device)
        self.b = torch.sparse_csr_tensor(crow_indices, col_indices, ones, (n, n))
        self.row_scale = row_scale[:, None]
        self.self_scale = None if self_scale is None else self_scale[:, None]

    @property
    def shape(self):
        return self.b.shape

    def to_dense(self) -> torch.Tensor:
        dense = self.row_scale * self.b.to_dense()
        if self.self_scale is not None:
            dense = dense + torch.diag(self.self_scale.flatten())
        return dense

    def __matmul__(self, dense: torch.Tensor) -> torch.Tensor:
        out = self.row_scale * _SymmetricSpMM.apply(self.b, dense)
        if self.self_scale is not None:
            out = out + self.self_scale * dense
        return out
