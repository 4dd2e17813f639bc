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
