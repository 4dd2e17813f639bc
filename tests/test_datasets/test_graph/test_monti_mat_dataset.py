"""Monti et al.'s MATLAB v7.3 rating files, written here with h5py."""

import h5py
import numpy as np
import pytest

from mmblog.datasets.graph import MontiMatDataset, read_monti_mat


def _write_mat(path, m, train, test, side=None, sparse_train=False, drop=()):
    """MATLAB v7.3 layout: HDF5 datasets hold the column-major arrays transposed."""
    with h5py.File(path, 'w') as f:
        if 'M' not in drop:
            f['M'] = m.T
        if 'Otraining' not in drop:
            if sparse_train:  # MATLAB sparse: CSC data / ir (row) / jc (column pointers)
                g = f.create_group('Otraining')
                cols = [np.flatnonzero(train[:, j]) for j in range(train.shape[1])]
                g['ir'] = np.concatenate(cols).astype(np.uint64)
                g['jc'] = np.concatenate([[0], np.cumsum([len(c) for c in cols])]).astype(np.uint64)
                g['data'] = np.ones(int(train.sum()))
                g.attrs['MATLAB_sparse'] = train.shape[0]
            else:
                f['Otraining'] = train.T
        f['Otest'] = test.T
        for k, v in (side or {}).items():
            f[k] = v.T


def _ratings(seed=0, nu=12, ni=9):
    rng = np.random.default_rng(seed)
    m = np.where(rng.random((nu, ni)) < 0.6, rng.integers(1, 11, (nu, ni)) / 2, 0.0)
    observed = m > 0
    test = observed & (rng.random((nu, ni)) < 0.2)
    return m, (observed & ~test).astype(float), test.astype(float)


@pytest.mark.parametrize('sparse', [False, True])
def test_reads_ratings_split_and_side_matrices_in_matlab_orientation(tmp_path, sparse):
    m, tr, te = _ratings()
    w_users = np.arange(12 * 12, dtype=float).reshape(12, 12)
    _write_mat(tmp_path / 'd.mat', m, tr, te, {'W_users': w_users}, sparse_train=sparse)
    out = read_monti_mat(str(tmp_path / 'd.mat'))
    assert out['shape'] == (12, 9)
    u, i, r = out['train'].numpy().T
    np.testing.assert_array_equal(np.stack(np.nonzero(tr)), np.stack([u, i]).astype(int))
    np.testing.assert_array_equal(r, m[u.astype(int), i.astype(int)])
    assert len(out['test']) == int(te.sum())
    np.testing.assert_array_equal(out['side']['W_users'], w_users)


def test_dataset_builds_samples_and_maps_half_star_ratings_to_five_classes(tmp_path):
    m, tr, te = _ratings(1)
    _write_mat(tmp_path / 'training_test_dataset.mat', m, tr, te)
    ds = MontiMatDataset(str(tmp_path), 'train', num_rating_classes=5)
    assert len(ds) == int(tr.sum())
    assert ds.num_rating_classes == 5 and len(ds.rating_values) == 10
    item = ds[0]['inputs']
    assert int(item.edge_type.max()) <= 4
    # 0.5 and 1.0 share class 0, 4.5 and 5.0 class 4 (the reference's post_rating_map).
    full = MontiMatDataset(str(tmp_path), 'test')
    assert len(full) == int(te.sum()) and full.num_rating_classes == 10


def test_missing_otraining_is_one_line(tmp_path):
    m, tr, te = _ratings()
    _write_mat(tmp_path / 'bad.mat', m, tr, te, drop=('Otraining',))
    with pytest.raises(
        ValueError, match=r"bad.mat: no 'Otraining' matrix \(keys: \['M', 'Otest'\]\)"
    ):
        read_monti_mat(str(tmp_path / 'bad.mat'))
    (tmp_path / 'text.mat').write_text('MATLAB 5.0 MAT-file')
    with pytest.raises(ValueError, match='text.mat: not a MATLAB v7.3'):
        read_monti_mat(str(tmp_path / 'text.mat'))
