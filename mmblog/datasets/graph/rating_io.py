"""Readers of rating files: MovieLens ``u.data``-style (tab) and ML-1M ``ratings.dat`` (``::``)."""

import os.path as osp

import torch


def read_ratings(path: str) -> torch.Tensor:
    """``user item rating [timestamp]`` lines -> (n, 3) float tensor (user, item, rating).

    Tab- or whitespace-separated (``u.data``, ``u1.base``) or ``::``-separated (``ratings.dat``).
    A malformed line raises one ``ValueError`` naming the file, the line and the field.
    """
    if not osp.isfile(path):
        raise FileNotFoundError(
            f'{path}: rating file not found (real data: MovieLens from GroupLens; demo: '
            'python tools/misc/make_demo_data.py --only movielens)'
        )
    rows = []
    with open(path, encoding='latin-1') as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            fields = line.split('::') if '::' in line else line.split()
            if len(fields) < 3:
                raise ValueError(
                    f'{path}:{lineno}: expected "user item rating [timestamp]", got {line!r}'
                )
            names = ('user', 'item', 'rating')
            vals = []
            for name, field in zip(names, fields[:3]):
                try:
                    vals.append(float(field) if name == 'rating' else int(field))
                except ValueError:
                    raise ValueError(
                        f'{path}:{lineno}: field {name!r} is not a number: {field!r}'
                    ) from None
            rows.append(vals)
    if not rows:
        raise ValueError(f'{path}: no ratings')
    return torch.tensor(rows, dtype=torch.float64)


MONTI_SIDE_KEYS = ('W_users', 'W_items', 'W_movies', 'W_tracks')


def _read_mat_matrix(f, path: str, key: str):
    """One MATLAB v7.3 matrix as a numpy array (sparse ones as scipy CSC), in MATLAB's
    orientation: HDF5 stores MATLAB's column-major arrays transposed."""
    import numpy as np
    import scipy.sparse as ssp

    obj = f[key]
    if hasattr(obj, 'keys'):  # a sparse matrix: a group of data / ir / jc
        if not {'data', 'ir', 'jc'} <= set(obj.keys()):
            raise ValueError(f'{path}: {key!r} is neither a matrix nor a sparse data/ir/jc group')
        jc = np.asarray(obj['jc'], dtype=np.int64)
        ir = np.asarray(obj['ir'], dtype=np.int64)
        rows = int(obj.attrs.get('MATLAB_sparse', ir.max() + 1 if len(ir) else 0))
        return ssp.csc_matrix(
            (np.asarray(obj['data'], dtype=np.float64), ir, jc), shape=(rows, len(jc) - 1)
        ).toarray()
    return np.asarray(obj, dtype=np.float64).T


def read_monti_mat(path: str) -> dict:
    """Monti et al.'s Flixster / Douban / YahooMusic ``training_test_dataset.mat`` (MATLAB v7.3 =
    HDF5): ``M`` (users x items ratings), ``Otraining`` / ``Otest`` (0/1 masks) and the side
    matrices ``W_users`` / ``W_items`` / ``W_movies`` / ``W_tracks`` where present.

    Returns ``dict(train=(n, 3), test=(m, 3), side={name: array}, shape=(users, items))`` with
    0-based (user, item, rating) rows. A missing key or a masked entry without a rating raises
    one ``ValueError`` naming the file and the field.
    """
    if not osp.isfile(path):
        raise FileNotFoundError(
            f"{path}: .mat file not found (Monti et al.'s Flixster/Douban/YahooMusic "
            'training_test_dataset.mat)'
        )
    try:
        import h5py
    except ImportError:  # pragma: no cover - h5py is a runtime requirement
        raise ImportError(
            f'{path}: reading MATLAB v7.3 files needs h5py (pip install h5py)'
        ) from None
    import numpy as np

    try:
        f = h5py.File(path, 'r')
    except OSError as e:
        raise ValueError(f'{path}: not a MATLAB v7.3 (HDF5) file: {e}') from None
    with f:
        for key in ('M', 'Otraining', 'Otest'):
            if key not in f:
                raise ValueError(f'{path}: no {key!r} matrix (keys: {sorted(f.keys())})')
        m = _read_mat_matrix(f, path, 'M')
        out = dict(shape=m.shape, side={})
        for name, key in (('train', 'Otraining'), ('test', 'Otest')):
            mask = _read_mat_matrix(f, path, key)
            if mask.shape != m.shape:
                raise ValueError(f'{path}: {key!r} is {mask.shape}, M is {m.shape}')
            u, i = np.nonzero(mask)
            r = m[u, i]
            if len(r) and (r == 0).any():
                k = int(np.flatnonzero(r == 0)[0])
                raise ValueError(
                    f'{path}: {key!r} marks ({u[k]}, {i[k]}) but M has no rating there'
                )
            out[name] = torch.from_numpy(np.stack([u, i, r], 1).astype(np.float64))
        for key in MONTI_SIDE_KEYS:
            if key in f:
                out['side'][key] = _read_mat_matrix(f, path, key)
    return out
