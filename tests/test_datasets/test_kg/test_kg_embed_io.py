"""ERNIE's kg_embed layout: round trip and one-line errors."""

import numpy as np
import pytest

from mmblog.datasets.kg import TripleFormatError
from mmblog.datasets.kg.kg_embed_io import read_kg_embed, write_kg_embed


def test_round_trip_in_ernie_layout(tmp_path):
    vecs = np.arange(12, dtype=np.float32).reshape(3, 4) / 7
    write_kg_embed(str(tmp_path), ['Q1', 'Q2', 'Q3'], vecs)
    lines = (tmp_path / 'entity2vec.vec').read_text().splitlines()
    assert len(lines) == 3 and len(lines[1].split('\t')) == 4
    assert (tmp_path / 'entity2id.txt').read_text().splitlines()[:2] == ['3', 'Q1\t0']
    entity2id, got = read_kg_embed(str(tmp_path))
    assert entity2id == {'Q1': 0, 'Q2': 1, 'Q3': 2}
    np.testing.assert_allclose(got, vecs, atol=1e-6)


def test_vector_count_disagreeing_with_entity2id(tmp_path):
    write_kg_embed(str(tmp_path), ['Q1', 'Q2'], np.zeros((2, 3), dtype=np.float32))
    with open(tmp_path / 'entity2vec.vec', 'a') as f:
        f.write('0\t0\t0\n')
    with pytest.raises(TripleFormatError, match='3 vectors but entity2id.txt lists 2 entities'):
        read_kg_embed(str(tmp_path))
