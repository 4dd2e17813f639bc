"""fairseq indexed dataset (TNTIDX): round trip and one-line errors."""

import numpy as np
import pytest

from mmblog.datasets.text import ErniePretrainDataset, IndexedDatasetReader, write_indexed_dataset
from mmblog.utils.data_check import DataFormatError


def _items():
    return [
        np.array([[2, 7, 9, 3], [0, 0, 1, 1], [0, 5, 0, 0]], dtype=np.int32),
        np.array([[2, 8, 3], [0, 0, 0], [0, 0, 2]], dtype=np.int32),
    ]


def test_round_trip_with_fairseq_header(tmp_path):
    prefix = str(tmp_path / 'ernie' / 'train')
    write_indexed_dataset(prefix, _items())
    raw = open(prefix + '.idx', 'rb').read()
    assert raw[:8] == b'TNTIDX\x00\x00'
    # version 1, dtype code 4 (int32), element size 4, 2 items, 4 sizes
    assert np.frombuffer(raw[8:48], '<u8').tolist() == [1, 4, 4, 2, 4]
    reader = IndexedDatasetReader(prefix)
    assert len(reader) == 2
    for got, want in zip((reader[0], reader[1]), _items()):
        np.testing.assert_array_equal(got, want)
    ds = ErniePretrainDataset(prefix, num_entities=5)
    item = ds[0]
    assert item['input_ids'].tolist() == [2, 7, 9, 3] and item['input_ents'].tolist() == [
        0,
        5,
        0,
        0,
    ]


def test_wrong_magic_is_one_line(tmp_path):
    prefix = str(tmp_path / 'd')
    write_indexed_dataset(prefix, _items())
    raw = bytearray(open(prefix + '.idx', 'rb').read())
    raw[:8] = b'MMIDIDX\x00'
    open(prefix + '.idx', 'wb').write(bytes(raw))
    with pytest.raises(DataFormatError) as err:
        IndexedDatasetReader(prefix)
    assert 'd.idx: field magic' in str(err.value) and '\n' not in str(err.value)


def test_truncated_bin_and_entity_outside_entity2id(tmp_path):
    prefix = str(tmp_path / 'd')
    write_indexed_dataset(prefix, _items())
    ds = ErniePretrainDataset(prefix, num_entities=4)  # item 0 aligns entity id 4 (row value 5)
    with pytest.raises(
        DataFormatError,
        match=r'item 0: field input_ents: entity id 4 at token 1 is outside entity2id \(0..3\)',
    ):
        ds[0]
    with open(prefix + '.bin', 'ab') as f:
        f.write(b'\x00' * 4)
    with pytest.raises(
        DataFormatError, match='d.bin: field data: 88 bytes, the index describes 84'
    ):
        IndexedDatasetReader(prefix)
