"""Adjacency normalisations and transition matrices of graph layers, as sparse/dense tensors.

Every function takes an ``edge_index`` (2, E) of a graph without self-loops (duplicates count
once) and returns the normalised matrix ``M`` such that a layer computes ``M @ X``.
"""

import torch

from .sparse_matrix import SparseMatrix


def adjacency(edge_index: torch.Tensor, num_nodes: int, dtype=torch.float32) -> torch.Tensor:
    """The 0/1 adjacency as a coalesced sparse COO tensor (duplicates merged)."""
    ones = torch.ones(edge_index.size(1), dtype=dtype, device=edge_index.device)
    a = torch.sparse_coo_tensor(edge_index, ones, (num_nodes, num_nodes)).coalesce()
    return torch.sparse_coo_tensor(a.indices(), torch.ones_like(a.values()), a.shape).coalesce()


def _with_self_loops(a: torch.Tensor) -> torch.Tensor:
    n = a.size(0)
    eye = torch.arange(n, device=a.device)
    i = torch.sparse_coo_tensor(
        torch.stack([eye, eye]), torch.ones(n, dtype=a.dtype, device=a.device), a.shape
    )
    return (a + i).coalesce()


def _scale(a: torch.Tensor, left: torch.Tensor | None, right: torch.Tensor | None) -> torch.Tensor:
    r, c = a.indices()
    v = a.values()
    if left is not None:
        v = v * left[r]
    if right is not None:
        v = v * right[c]
    return torch.sparse_coo_tensor(a.indices(), v, a.shape).coalesce()


def sym_norm_adj(edge_index, num_nodes: int, self_loops: bool = True, dtype=torch.float32):
    """``D~^-1/2 (A + I) D~^-1/2`` (GCN, APPNP's ``A^``); without self-loops ``D^-1/2 A D^-1/2``."""
    a = adjacency(edge_index, num_nodes, dtype)
    if self_loops:
        a = _with_self_loops(a)
    deg = torch.sparse.sum(a, 1).to_dense()
    inv = deg.pow(-0.5).masked_fill(deg == 0, 0)
    return _scale(a, inv, inv)


def row_norm_adj(edge_index, num_nodes: int, self_loops: bool = False, dtype=torch.float32):
    """``D^-1 A`` (random-walk transition matrix; Cluster-GCN's vanilla ``A'``), or with
    ``self_loops`` ``(D + I)^-1 (A + I)`` (Cluster-GCN's ``A~``)."""
    a = adjacency(edge_index, num_nodes, dtype)
    if self_loops:
        a = _with_self_loops(a)
    deg = torch.sparse.sum(a, 1).to_dense()
    inv = deg.reciprocal().masked_fill(deg == 0, 0)
    return _scale(a, inv, None)


def diag_enhanced_adj(edge_index, num_nodes: int, lam: float, dtype=torch.float32):
    """Cluster-GCN's diagonal enhancement ``A~ + lam * diag(A~)`` with
    ``A~ = (D + I)^-1 (A + I)``: the self-loop weight becomes ``(1 + lam) / (d_i + 1)``."""
    a = row_norm_adj(edge_index, num_nodes, self_loops=True, dtype=dtype)
    r, c = a.indices()
    v = torch.where(r == c, a.values() * (1 + lam), a.values())
    return torch.sparse_coo_tensor(a.indices(), v, a.shape).coalesce()


def _sorted_keys(edge_index, num_nodes: int, self_loops: bool, sorted_unique: bool):
    """Entries ``row * n + col`` of ``A`` (or ``A + I``) in CSR order, without duplicates.
    ``sorted_unique``: the edges are already in that order, unique and loop-free (a cluster
    batch cut from a CSR store), so the self-loops are merged in without sorting again."""
    n = num_nodes
    r, c = edge_index
    if self_loops:
        keep = r != c
        r, c = r[keep], c[keep]
    key = r * n + c
    if not sorted_unique:
        key = torch.unique(key)
    if not self_loops:
        return key
    diag = torch.arange(n, device=key.device) * (n + 1)
    # Slot of diagonal i in the merged order: the entries before it plus the i earlier diagonals.
    slot = torch.searchsorted(key, diag) + torch.arange(n, device=key.device)
    is_diag = torch.zeros(key.numel() + n, dtype=torch.bool, device=key.device)
    is_diag[slot] = True
    merged = torch.empty(key.numel() + n, dtype=key.dtype, device=key.device)
    merged[is_diag] = diag
    merged[~is_diag] = key
    return merged


def normalized_adjacency_csr(
    edge_index,
    num_nodes: int,
    norm: str,
    diag_lambda: float = 1.0,
    sorted_unique: bool = False,
    dtype=torch.float32,
) -> torch.Tensor:
    """:func:`normalized_adjacency` built directly in CSR layout with at most one sort (none
    when ``sorted_unique``) instead of a chain of COO coalesces: Cluster-GCN normalises a new
    batch subgraph every step. Equal to ``normalized_adjacency(...).to_sparse_csr()``."""
    if norm not in ('vanilla', 'diag'):
        raise ValueError(f"norm must be 'vanilla' or 'diag', got {norm!r}")
    n = num_nodes
    key = _sorted_keys(edge_index, n, norm == 'diag', sorted_unique)
    row, col = key // n, key % n
    counts = torch.bincount(row, minlength=n)
    values = counts.to(dtype).reciprocal()[row]
    if norm == 'diag':
        values = torch.where(row == col, values * (1 + diag_lambda), values)
    crow = torch.zeros(n + 1, dtype=torch.long, device=key.device)
    crow[1:] = counts.cumsum(0)
    return torch.sparse_csr_tensor(crow, col, values, (n, n))


def normalized_symmetric_adjacency(
    edge_index, num_nodes: int, norm: str, diag_lambda: float = 1.0, dtype=torch.float32
):
    """:func:`normalized_adjacency` of an undirected loop-free graph whose ``edge_index`` is in
    CSR order without duplicates (a cluster batch), as a
    :class:`~mmblog.models.layers.sparse_matrix.SparseMatrix` built without any sort.

    Both forms are ``R C`` with ``R`` diagonal and ``C`` symmetric (``C = A`` for
    ``'vanilla'``, ``A + (1 + lambda) I`` for ``'diag'``), so the transpose ``C R`` has the
    same structure and only its values differ (``r[col]`` instead of ``r[row]``); the
    diagonal is merged into each row's sorted columns by position arithmetic."""
    if norm not in ('vanilla', 'diag'):
        raise ValueError(f"norm must be 'vanilla' or 'diag', got {norm!r}")
    n = num_nodes
    row, col = edge_index
    counts = torch.bincount(row, minlength=n)
    deg = counts.to(dtype)
    crow = torch.zeros(n + 1, dtype=torch.long, device=row.device)
    crow[1:] = counts.cumsum(0)
    if norm == 'vanilla':
        inv = deg.reciprocal().masked_fill(deg == 0, 0)
        values, values_t = inv[row], inv[col]
    else:
        inv = (deg + 1).reciprocal()
        nodes = torch.arange(n, device=row.device)
        # Entry k of row r moves past the r earlier diagonals, and past its own if col > r.
        off = torch.arange(row.numel(), device=row.device) + row + (col > row)
        diag = crow[:-1] + nodes + torch.bincount(row[col < row], minlength=n)
        merged = torch.empty(row.numel() + n, dtype=col.dtype, device=col.device)
        merged[off], merged[diag] = col, nodes
        values = torch.empty(merged.numel(), dtype=dtype, device=row.device)
        values_t = torch.empty_like(values)
        values[off], values_t[off] = inv[row], inv[col]
        values[diag] = values_t[diag] = (1 + diag_lambda) * inv
        crow, col = crow + torch.arange(n + 1, device=row.device), merged
    a = torch.sparse_csr_tensor(crow, col, values, (n, n))
    a_t = torch.sparse_csr_tensor(crow, col, values_t, (n, n))
    return SparseMatrix.from_csr_pair(a, a_t)


def laplacian(edge_index, num_nodes: int, kind: str = 'combinatorial', dtype=torch.float64):
    """Dense graph Laplacian: ``'combinatorial'`` ``L = D - A``, ``'sym'`` ``I - D^-1/2 A D^-1/2``,
    ``'rw'`` ``I - D^-1 A`` (isolated nodes get a zero row)."""
    a = adjacency(edge_index, num_nodes, dtype).to_dense()
    deg = a.sum(1)
    eye = torch.eye(num_nodes, dtype=dtype, device=a.device)
    if kind == 'combinatorial':
        return torch.diag(deg) - a
    if kind == 'sym':
        inv = deg.pow(-0.5).masked_fill(deg == 0, 0)
        return eye * (deg > 0) - inv[:, None] * a * inv[None, :]
    if kind == 'rw':
        inv = deg.reciprocal().masked_fill(deg == 0, 0)
        return eye * (deg > 0) - inv[:, None] * a
    raise ValueError(f"kind must be 'combinatorial', 'sym' or 'rw', got {kind!r}")


def sparse_dropout_values(m: torch.Tensor, p: float, training: bool) -> torch.Tensor:
    """Dropout on the stored entries of a sparse COO/CSR matrix (APPNP's adjacency dropout)."""
    if not training or p == 0:
        return m
    if m.layout == torch.sparse_csr:
        v = torch.nn.functional.dropout(m.values(), p, True)
        return torch.sparse_csr_tensor(m.crow_indices(), m.col_indices(), v, m.shape)
    m = m.coalesce()
    return torch.sparse_coo_tensor(
        m.indices(), torch.nn.functional.dropout(m.values(), p, True), m.shape
    )


def normalized_adjacency(edge_index, num_nodes: int, norm: str, diag_lambda: float):
    """Cluster-GCN's two forms: ``'vanilla'`` ``D^-1 A`` (row sums 1, isolated rows 0) and
    ``'diag'`` ``A~ + lambda diag(A~)`` with ``A~ = (D + I)^-1 (A + I)``."""
    if norm == 'vanilla':
        return row_norm_adj(edge_index, num_nodes)
    if norm == 'diag':
        return diag_enhanced_adj(edge_index, num_nodes, diag_lambda)
    raise ValueError(f"norm must be 'vanilla' or 'diag', got {norm!r}")
