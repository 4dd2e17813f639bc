"""Text transforms: truncation, segments, word ids, 80/10/10 masking by unit, packing."""

import numpy as np
import pytest
import torch

from mmblog.datasets.tokenizers import WordPieceTokenizer
from mmblog.datasets.transforms.text import (
    IGNORE_INDEX,
    MaskTokens,
    PackTextInputs,
    PadTokens,
    TokenizeText,
    truncate_pair,
)

WORDS = 'the a cat dog sat ran on under mat rug big red play jump quick brown fox new york'.split()


@pytest.fixture(scope='module')
def tok(tmp_path_factory):
    path = tmp_path_factory.mktemp('vocab') / 'vocab.txt'
    pieces = ['##ing', '##ed', '##s']
    path.write_text('\n'.join(['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', *WORDS, *pieces]))
    return WordPieceTokenizer(str(path))


def sentence(rng, n=20):
    return ' '.join(rng.choice(['the', 'cat', 'dog', 'sat', 'rug', 'red', 'big']) for _ in range(n))


def test_truncate_pair_longest_first():
    assert truncate_pair(10, 3, 7) == (4, 3)
    assert truncate_pair(5, 5, 7) == (4, 3)
    assert truncate_pair(2, 3, 9) == (2, 3)


def test_tokenize_pair_truncates_and_lays_out(tok):
    r = TokenizeText(tok, max_length=10)(
        dict(text='the cat sat on the mat under a rug', text_b='dog playing')
    )
    ids = r['input_ids']
    assert len(ids) == 10  # 3 specials + 4 of text + 3 of text_b (play ##ing counts 2)
    assert tok.convert_ids_to_tokens(ids) == [
        '[CLS]', 'the', 'cat', 'sat', 'on', '[SEP]', 'dog', 'play', '##ing', '[SEP]'
    ]  # fmt: skip
    assert r['token_type_ids'].tolist() == [0] * 6 + [1] * 4
    assert r['word_ids'].tolist() == [-1, 0, 1, 2, 3, -1, 4, 5, 5, -1]
    assert r['special_tokens_mask'].tolist() == [1, 0, 0, 0, 0, 1, 0, 0, 0, 1]
    assert r['attention_mask'].tolist() == [1] * 10
    with pytest.raises(ValueError, match='no room for special tokens'):
        TokenizeText(tok, max_length=2)(dict(text='the', text_b='cat'))


def test_entity_spans_map_to_token_positions(tok):
    text = 'the quick fox ran to new york'
    r = TokenizeText(tok, max_length=32)(dict(text=text, entity_spans=[(4, 13), (24, 28)]))
    # 'quick fox' -> tokens 2..3, 'york' -> token 7 ('to' is unknown: one [UNK])
    assert r['entity_token_spans'] == [(2, 4), (7, 8)]


def masked_stats(tok, unit, n=1500, **kw):
    np.random.seed(0)
    tokenize = TokenizeText(tok, max_length=32)
    mask = MaskTokens(tok, unit=unit, **kw)
    rng = np.random.default_rng(0)
    out = []
    for i in range(n):
        r = tokenize(dict(text=sentence(rng), sample_idx=i))
        original = r['input_ids'].copy()
        out.append((original, mask(r)))
    return out


def test_token_masking_budget_and_80_10_10(tok):
    results = masked_stats(tok, 'token')
    n_mask = n_rand = n_keep = 0
    pool = set(range(tok.vocab_size)) - set(tok.special_token_ids)
    for original, r in results:
        chosen = r['mlm_labels'] != IGNORE_INDEX
        assert chosen.sum() == 3  # round(20 * 0.15)
        assert not chosen[r['special_tokens_mask'] == 1].any()
        assert (r['mlm_labels'][chosen] == original[chosen]).all()
        assert (r['input_ids'][~chosen] == original[~chosen]).all()
        new = r['input_ids'][chosen]
        n_mask += (new == tok.mask_token_id).sum()
        n_keep += (new == original[chosen]).sum()
        n_rand += ((new != tok.mask_token_id) & (new != original[chosen])).sum()
        assert set(new.tolist()) <= pool | {tok.mask_token_id}
    total = n_mask + n_rand + n_keep
    # a random token equals the original with probability 1/len(pool)
    p_same = 0.1 / len(pool)
    assert abs(n_mask / total - 0.8) < 0.02
    assert abs(n_rand / total - (0.1 - p_same)) < 0.015
    assert abs(n_keep / total - (0.1 + p_same)) < 0.015


def test_whole_word_masking_takes_every_piece(tok):
    tokenize = TokenizeText(tok, max_length=64)
    mask = MaskTokens(tok, unit='whole_word', mask_prob=0.3)
    np.random.seed(1)
    text = 'cats played jumping dogs sat on reds rugs playing the mat ' * 2
    pieces_hit = 0
    for _ in range(200):
        r = mask(tokenize(dict(text=text)))
        chosen = r['mlm_labels'] != IGNORE_INDEX
        for w in set(r['word_ids'][chosen].tolist()):
            in_word = r['word_ids'] == w
            assert chosen[in_word].all()
            pieces_hit += in_word.sum() > 1
    assert pieces_hit > 100


def mean_run_length(results):
    runs = []
    for _, r in results:
        chosen = np.r_[0, (r['mlm_labels'] != IGNORE_INDEX).astype(int), 0]
        starts, ends = np.flatnonzero(np.diff(chosen) == 1), np.flatnonzero(np.diff(chosen) == -1)
        runs += (ends - starts).tolist()
    return float(np.mean(runs))


def test_span_masking_masks_runs_of_words(tok):
    spans = masked_stats(tok, 'span', n=200, mask_prob=0.3, span_p=1e-6, max_span=3)
    words = masked_stats(tok, 'whole_word', n=200, mask_prob=0.3)
    counts = [(r['mlm_labels'] != IGNORE_INDEX).sum() for _, r in spans]
    assert max(counts) == 6 and np.mean(counts) > 5  # budget round(20 * 0.3), rarely unfilled
    assert mean_run_length(spans) > 2.5 > 1.6 > mean_run_length(words)


def test_entity_masking_keeps_entities_whole(tok):
    tokenize = TokenizeText(tok, max_length=32)
    mask = MaskTokens(tok, unit='entity', mask_prob=0.5)  # budget 4 tokens
    np.random.seed(2)
    text = 'the quick brown fox sat on the mat'
    hits = 0
    for _ in range(300):
        r = mask(tokenize(dict(text=text, entity_spans=[(4, 19)])))
        chosen = r['mlm_labels'][2:5] != IGNORE_INDEX  # quick brown fox
        assert chosen.all() or not chosen.any()
        hits += chosen.all()
    assert 20 < hits < 280


def test_deterministic_masking_repeats_per_sample(tok):
    tokenize = TokenizeText(tok, max_length=32)
    mask = MaskTokens(tok, deterministic=True)
    text = sentence(np.random.default_rng(3))
    a = mask(tokenize(dict(text=text, sample_idx=7)))
    b = mask(tokenize(dict(text=text, sample_idx=7)))
    c = mask(tokenize(dict(text=text, sample_idx=8)))
    assert (a['mlm_labels'] == b['mlm_labels']).all() and (a['input_ids'] == b['input_ids']).all()
    assert not (a['mlm_labels'] == c['mlm_labels']).all()


def test_pad_and_pack(tok):
    r = TokenizeText(tok, max_length=8)(dict(text='the cat sat', sample_idx=3))
    r = MaskTokens(tok, mask_prob=0.4)(r)
    r = PadTokens(max_length=8, pad_token_id=tok.pad_token_id)(r)
    assert r['input_ids'][5:].tolist() == [0, 0, 0]
    assert r['attention_mask'].tolist() == [1] * 5 + [0] * 3
    assert r['mlm_labels'][5:].tolist() == [IGNORE_INDEX] * 3
    packed = PackTextInputs()(r)
    assert set(packed['inputs']) == {'input_ids', 'token_type_ids', 'attention_mask'}
    assert packed['inputs']['input_ids'].dtype == torch.long
    sample = packed['data_samples']
    assert sample.mlm_labels.shape == (8,) and sample.metainfo['sample_idx'] == 3
    with pytest.raises(ValueError, match='input_ids has 8 tokens > max_length 4'):
        PadTokens(max_length=4)(r)


def test_bad_masking_arguments(tok):
    with pytest.raises(ValueError, match='unit must be one of'):
        MaskTokens(tok, unit='sentence')
    with pytest.raises(ValueError, match='summing to 1'):
        MaskTokens(tok, ratios=(0.8, 0.1, 0.2))
