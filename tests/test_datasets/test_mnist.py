"""MNIST idx reading: round trip, gzip, and clear errors on bad files."""

import gzip

import numpy as np
import pytest

from mmblog.datasets import MNISTDataset, read_idx, write_idx
from mmblog.utils import MissingDataError


def _write_split(folder, prefix, images, labels):
    write_idx(str(folder / f'{prefix}-images-idx3-ubyte'), images)
    write_idx(str(folder / f'{prefix}-labels-idx1-ubyte'), labels)


def test_idx_round_trip_and_header(tmp_path):
    images = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    write_idx(str(tmp_path / 'x'), images)
    raw = (tmp_path / 'x').read_bytes()
    assert raw[:4] == bytes([0, 0, 8, 3])
    assert int.from_bytes(raw[4:8], 'big') == 2
    np.testing.assert_array_equal(read_idx(str(tmp_path / 'x')), images)


def test_gzipped_files_are_read(tmp_path):
    labels = np.array([3, 1, 4], dtype=np.uint8)
    write_idx(str(tmp_path / 'y'), labels)
    with gzip.open(tmp_path / 'y.gz', 'wb') as f:
        f.write((tmp_path / 'y').read_bytes())
    np.testing.assert_array_equal(read_idx(str(tmp_path / 'y.gz')), labels)


def test_bad_magic_names_the_file(tmp_path):
    path = tmp_path / 'bad'
    path.write_bytes(b'PK\x03\x04junk')
    with pytest.raises(ValueError, match=r'bad: not an idx file'):
        read_idx(str(path))


def test_truncated_file_reports_sizes(tmp_path):
    write_idx(str(tmp_path / 'z'), np.zeros((4, 2, 2), np.uint8))
    data = (tmp_path / 'z').read_bytes()
    (tmp_path / 'z').write_bytes(data[:-3])
    with pytest.raises(ValueError, match=r'header says shape \(4, 2, 2\) \(16 bytes\).*13 bytes'):
        read_idx(str(tmp_path / 'z'))


def test_dataset_loads_both_splits(tmp_path):
    rng = np.random.default_rng(0)
    _write_split(tmp_path, 'train', rng.integers(0, 255, (5, 28, 28)), np.arange(5))
    _write_split(tmp_path, 't10k', rng.integers(0, 255, (2, 28, 28)), np.array([7, 9]))
    train = MNISTDataset(str(tmp_path), split='train')
    test = MNISTDataset(str(tmp_path), split='test')
    assert len(train) == 5 and len(test) == 2
    assert test[1]['gt_label'] == 9 and test[1]['img'].shape == (28, 28)
    assert train.metainfo['classes'][3] == '3'


def test_missing_files_name_path_and_command(tmp_path):
    with pytest.raises(MissingDataError, match=r'train-images-idx3-ubyte.*make_demo_data\.py'):
        MNISTDataset(str(tmp_path / 'nowhere'), split='train')


def test_label_out_of_range_names_record(tmp_path):
    _write_split(tmp_path, 'train', np.zeros((3, 28, 28)), np.array([1, 12, 3]))
    with pytest.raises(ValueError, match=r'record 1 has label 12'):
        MNISTDataset(str(tmp_path), split='train')


def test_bad_split_is_rejected(tmp_path):
    with pytest.raises(ValueError, match="split must be 'train' or 'test'"):
        MNISTDataset(str(tmp_path), split='val')


def test_demo_digits_are_28x28_and_balanced(demo_root):
    ds = MNISTDataset(str(demo_root / 'mnist'), split='train')
    labels = np.array([ds[i]['gt_label'] for i in range(len(ds))])
    assert ds[0]['img'].shape == (28, 28) and ds[0]['img'].dtype == np.uint8
    counts = np.bincount(labels, minlength=10)
    assert (
        counts.min() > 100 and len(ds) + len(MNISTDataset(str(demo_root / 'mnist'), 'test')) == 1797
    )
