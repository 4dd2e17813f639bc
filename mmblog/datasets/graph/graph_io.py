"""Small shared pieces of the graph readers: safe unpickling and edge-list clean-up."""

import codecs
import io
import pickle
from collections import defaultdict

import numpy as np
import scipy.sparse as sp
import torch

from mmblog.utils import DataFormatError

try:  # numpy >= 2 moved the reconstructors; old pickles still name numpy.core.
    from numpy._core import multiarray as _np_multiarray
except ImportError:  # pragma: no cover - numpy 1.x
    from numpy.core import multiarray as _np_multiarray

# Every global a Planetoid pickle (scipy CSR, numpy arrays, a dict of neighbour lists) needs.
_ALLOWED_GLOBALS = {
    ('numpy.core.multiarray', '_reconstruct'): _np_multiarray._reconstruct,
    ('numpy._core.multiarray', '_reconstruct'): _np_multiarray._reconstruct,
    ('numpy.core.multiarray', 'scalar'): _np_multiarray.scalar,
    ('numpy._core.multiarray', 'scalar'): _np_multiarray.scalar,
    ('numpy', 'ndarray'): np.ndarray,
    ('numpy', 'dtype'): np.dtype,
    ('scipy.sparse.csr', 'csr_matrix'): sp.csr_matrix,
    ('scipy.sparse._csr', 'csr_matrix'): sp.csr_matrix,
    # Python 3 writes bytes in protocol-2 pickles as _codecs.encode(str, 'latin1'): pure.
    ('_codecs', 'encode'): codecs.encode,
    ('collections', 'defaultdict'): defaultdict,
    ('__builtin__', 'list'): list,
    ('builtins', 'list'): list,
    ('__builtin__', 'dict'): dict,
    ('builtins', 'dict'): dict,
}


class _RestrictedUnpickler(pickle.Unpickler):
    def __init__(self, file, path: str):
        super().__init__(file, encoding='latin1')
        self.path = path

    def find_class(self, module: str, name: str):
        try:
            return _ALLOWED_GLOBALS[(module, name)]
        except KeyError:
            raise DataFormatError(
                f'{self.path}: record <pickle>, field global {module}.{name}: not allowed '
                '(a data file may only hold numpy arrays, scipy CSR matrices and lists)'
            ) from None


def restricted_pickle_load(path: str):
    """Unpickle a data file allowing only numpy/scipy-CSR/list/dict globals; any other global
    (code a malicious file could run) or a truncated/corrupt stream is one ``DataFormatError``."""
    with open(path, 'rb') as f:
        raw = f.read()
    try:
        return _RestrictedUnpickler(io.BytesIO(raw), path).load()
    except DataFormatError:
        raise
    except Exception as exc:  # truncated or corrupt stream: pickle raises many types
        raise DataFormatError(
            f'{path}: record <pickle>, field <stream>: unreadable pickle '
            f'({type(exc).__name__}: {exc})'
        ) from None


def clean_undirected(edge_index: torch.Tensor, num_nodes: int) -> torch.Tensor:
    """Symmetrise, drop self-loops and duplicates; sorted by (row, col)."""
    row, col = edge_index
    row, col = torch.cat([row, col]), torch.cat([col, row])
    keep = row != col
    key = torch.unique(row[keep] * num_nodes + col[keep])
    return torch.stack([key // num_nodes, key % num_nodes])


def index_to_mask(index, size: int) -> torch.Tensor:
    mask = torch.zeros(size, dtype=torch.bool)
    mask[torch.as_tensor(index, dtype=torch.long)] = True
    return mask
