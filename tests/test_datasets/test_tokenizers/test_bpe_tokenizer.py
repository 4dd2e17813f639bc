"""Byte-level BPE (RoBERTa files): training, round trip, RoBERTa pair layout, file errors."""

import json

import numpy as np
import pytest

from mmblog.datasets.tokenizers import BPETokenizer, VocabFileError
from mmblog.testing.demo_data.text_corpus import write_corpus
from mmblog.utils.data_check import MissingDataError


@pytest.fixture(scope='module')
def bpe_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp('bpe')
    corpus = folder / 'corpus.txt'
    write_corpus(str(corpus), 40, np.random.default_rng(1))
    BPETokenizer.train([str(corpus)], 500, str(folder), min_frequency=1)
    return folder, corpus


def test_round_trip_and_roberta_layout(bpe_dir):
    folder, corpus = bpe_dir
    tok = BPETokenizer(str(folder / 'vocab.json'), str(folder / 'merges.txt'))
    for sentence in [s for s in corpus.read_text().splitlines() if s][:50]:
        assert tok.decode(tok.encode(sentence).ids) == sentence
    # bytes never seen in training still encode (byte-level: no unknown text)
    assert tok.decode(tok.encode('ünïcode ∑').ids) == 'ünïcode ∑'
    out = tok('the cow', 'moos')
    ids = out['input_ids']
    assert ids[0] == tok.cls_token_id and ids[-1] == tok.sep_token_id
    assert ids.count(tok.sep_token_id) == 3 and set(out['token_type_ids']) == {0}
    assert tok.pad_token_id == 1 and tok.cls_token_id == 0


def test_bpe_file_errors(tmp_path, bpe_dir):
    folder, _ = bpe_dir
    merges = str(folder / 'merges.txt')
    with pytest.raises(MissingDataError, match='BPE vocab.json not found'):
        BPETokenizer(str(tmp_path / 'vocab.json'), merges)
    bad = tmp_path / 'bad.json'
    bad.write_text('{"a": 0,')
    with pytest.raises(VocabFileError, match='bad.json: not a JSON vocabulary'):
        BPETokenizer(str(bad), merges)
    bad.write_text(json.dumps({'<s>': 0, 'a': 0}))
    with pytest.raises(VocabFileError, match='share id 0'):
        BPETokenizer(str(bad), merges)
    bad.write_text(json.dumps({'a': 0, 'b': 1}))
    with pytest.raises(VocabFileError, match=r'special token\(s\) <s>, <pad>'):
        BPETokenizer(str(bad), merges)
    bad_merges = tmp_path / 'merges.txt'
    bad_merges.write_text('#version: 0.2\na b\nc d e\n')
    with pytest.raises(VocabFileError, match='merges.txt: line 3: expected two tokens'):
        BPETokenizer(str(folder / 'vocab.json'), str(bad_merges))
