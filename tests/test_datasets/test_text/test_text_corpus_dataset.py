"""TextCorpusDataset reads BERT's text format (line = sentence, blank line = new document)."""

import pytest

from mmblog.datasets import TextCorpusDataset
from mmblog.utils.data_check import DataFormatError, MissingDataError


def test_lines_and_documents(tmp_path):
    (tmp_path / 'train.txt').write_text('first doc one\nfirst doc two\n\n\nsecond doc\n\nthird\n')
    ds = TextCorpusDataset(ann_file='train.txt', data_root=str(tmp_path), pipeline=[])
    assert [d['text'] for d in ds] == ['first doc one', 'first doc two', 'second doc', 'third']
    assert [d['doc_idx'] for d in ds] == [0, 0, 1, 2]
    assert [d['sample_idx'] for d in ds] == [0, 1, 2, 3]


def test_errors_name_file_and_line(tmp_path):
    with pytest.raises(MissingDataError, match='make_demo_data.py --only text_corpus'):
        TextCorpusDataset(ann_file='nope.txt', data_root=str(tmp_path))
    (tmp_path / 'bad.txt').write_bytes(b'fine\n\xff broken\n')
    with pytest.raises(DataFormatError, match=r'bad.txt: line 2: not UTF-8'):
        TextCorpusDataset(ann_file='bad.txt', data_root=str(tmp_path))
    (tmp_path / 'empty.txt').write_text('\n\n')
    with pytest.raises(DataFormatError, match='empty.txt: no text lines'):
        TextCorpusDataset(ann_file='empty.txt', data_root=str(tmp_path))
