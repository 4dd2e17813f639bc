"""WordPiece: local training round-trips the demo corpus, [UNK], pair layout, one-line errors."""

import pytest

from mmblog.datasets.tokenizers import VocabFileError, WordPieceTokenizer
from mmblog.registry import TOKENIZERS
from mmblog.testing.demo_data.text_corpus import write_corpus
from mmblog.utils.data_check import MissingDataError


@pytest.fixture(scope='module')
def corpus_and_vocab(tmp_path_factory):
    import numpy as np

    folder = tmp_path_factory.mktemp('wp')
    corpus = folder / 'corpus.txt'
    write_corpus(str(corpus), 60, np.random.default_rng(0))
    vocab = folder / 'vocab.txt'
    n = WordPieceTokenizer.train([str(corpus)], 300, str(vocab), min_frequency=1)
    return corpus, vocab, n


def test_trained_vocab_round_trips_the_corpus(corpus_and_vocab):
    corpus, vocab, n = corpus_and_vocab
    lines = vocab.read_text().splitlines()
    assert len(lines) == n and lines[:5] == ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']
    tok = TOKENIZERS.build(dict(type='WordPieceTokenizer', vocab_file=str(vocab)))
    sentences = [s for s in corpus.read_text().splitlines() if s]
    assert len(sentences) > 150
    for sentence in sentences:
        enc = tok.encode(sentence)
        assert tok.unk_token_id not in enc.ids
        assert tok.decode(enc.ids) == sentence
        assert max(enc.word_ids) + 1 == len(sentence.split())


def test_unknown_characters_become_unk_and_pairs_get_segments(corpus_and_vocab):
    _, vocab, _ = corpus_and_vocab
    tok = WordPieceTokenizer(str(vocab), extra_special_tokens=['[ENT]'])
    enc = tok.encode('the cow ∑ moos Ωmega')
    by_word = {}
    for token, word in zip(enc.tokens, enc.word_ids):
        by_word.setdefault(word, []).append(token)
    assert by_word[2] == ['[UNK]'] and by_word[4] == ['[UNK]']
    assert '[UNK]' not in by_word[0] + by_word[1] + by_word[3]
    ent = tok.token_to_id('[ENT]')
    assert ent == tok.vocab_size - 1 and tok.encode('the [ENT] cow').ids[1] == ent
    out = tok('the cow', 'moos')
    ids = out['input_ids']
    assert ids[0] == tok.cls_token_id and ids.count(tok.sep_token_id) == 2
    n_a, n_b = len(tok.encode('the cow').ids), len(tok.encode('moos').ids)
    assert out['token_type_ids'] == [0] * (n_a + 2) + [1] * (n_b + 1)
    assert tok.num_special_tokens_to_add(pair=True) == 3
    assert tok.mask_token_id in tok.special_token_ids


def test_missing_vocab_names_path_and_command(tmp_path):
    with pytest.raises(MissingDataError) as err:
        WordPieceTokenizer(str(tmp_path / 'vocab.txt'))
    msg = str(err.value)
    assert '\n' not in msg and 'vocab.txt' in msg and 'tools/misc/train_tokenizer.py' in msg


@pytest.mark.parametrize(
    'content, match',
    [
        ('', 'empty vocabulary file'),
        ('[PAD]\n[UNK]\n\n[CLS]\n', 'line 3: token .* is empty or contains whitespace'),
        ('[PAD]\n[UNK]\nhello world\n', 'line 3: token .*hello world'),
        (
            '[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\ncat\ncat\n',
            r'line 7: duplicate token .cat. \(first on line 6\)',
        ),
        ('[PAD]\n[UNK]\n[CLS]\n[SEP]\ncat\n', r'special token\(s\) \[MASK\] missing'),
    ],
)
def test_malformed_vocab_fails_in_one_line(tmp_path, content, match):
    path = tmp_path / 'vocab.txt'
    path.write_text(content)
    with pytest.raises(VocabFileError, match=match) as err:
        WordPieceTokenizer(str(path))
    assert str(err.value).startswith(str(path)) and '\n' not in str(err.value)


def test_non_utf8_vocab(tmp_path):
    path = tmp_path / 'vocab.txt'
    path.write_bytes(b'[PAD]\n\xff\xfe\n')
    with pytest.raises(VocabFileError, match='not UTF-8'):
        WordPieceTokenizer(str(path))
