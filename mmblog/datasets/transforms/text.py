"""Text transforms: tokenize (with truncation), pad, masked-LM masking, pack.

A text pipeline reads ``results['text']`` (and optionally ``results['text_b']``) and ends with
:class:`PackTextInputs`; :class:`~mmblog.models.data_preprocessors.TextDataPreprocessor` pads
the batch. Example::

    tokenizer = dict(type='WordPieceTokenizer', vocab_file='data/demo/text_corpus/vocab.txt')
    pipeline = [
        dict(type='TokenizeText', tokenizer=tokenizer, max_length=64),
        dict(type='MaskTokens', tokenizer=tokenizer, unit='whole_word'),
        dict(type='PackTextInputs'),
    ]
"""

import numpy as np
import torch
from mmcv.transforms import BaseTransform

from mmblog.registry import TOKENIZERS, TRANSFORMS
from mmblog.structures import TextDataSample

IGNORE_INDEX = -100
TOKEN_KEYS = ('input_ids', 'token_type_ids', 'attention_mask', 'word_ids', 'special_tokens_mask')


def _build_tokenizer(tokenizer):
    return TOKENIZERS.build(tokenizer) if isinstance(tokenizer, dict) else tokenizer


def truncate_pair(len_a: int, len_b: int, budget: int) -> tuple[int, int]:
    """Lengths after 'longest first' truncation of a pair to ``budget`` tokens (ties trim the
    second text, as Hugging Face does)."""
    while len_a + len_b > budget:
        if len_a > len_b:
            len_a -= 1
        else:
            len_b -= 1
    return len_a, len_b


@TRANSFORMS.register_module()
class TokenizeText(BaseTransform):
    """Tokenize ``text`` (and ``text_b``), truncate, add special tokens.

    Adds to ``results`` (numpy int64 arrays of the same length L <= ``max_length``):
    ``input_ids``, ``token_type_ids`` (segment ids), ``attention_mask`` (ones),
    ``special_tokens_mask`` (1 at [CLS]/[SEP]), ``word_ids`` (index of the word each token
    belongs to, unique across the pair, -1 at special tokens). With ``entity_spans`` in
    ``results`` (character ``(start, end)`` spans of ``text``) it adds ``entity_token_spans``:
    ``(first, last + 1)`` token positions of each entity that survived truncation.

    Args:
        tokenizer: A ``TOKENIZERS`` config or a built tokenizer.
        max_length: Most tokens including special tokens; pairs lose tokens longest-first.
        text_key: Key of the first text.
        pair_key: Key of the optional second text.
    """

    def __init__(
        self,
        tokenizer,
        max_length: int = 512,
        text_key: str = 'text',
        pair_key: str = 'text_b',
    ):
        self.tokenizer = _build_tokenizer(tokenizer)
        self.max_length = max_length
        self.text_key = text_key
        self.pair_key = pair_key

    def transform(self, results: dict) -> dict:
        tok = self.tokenizer
        if self.text_key not in results:
            raise KeyError(f'TokenizeText: the example has no {self.text_key!r} field')
        enc_a = tok.backend.encode(results[self.text_key], add_special_tokens=False)
        text_b = results.get(self.pair_key)
        enc_b = tok.backend.encode(text_b, add_special_tokens=False) if text_b else None
        budget = self.max_length - tok.num_special_tokens_to_add(enc_b is not None)
        if budget < 0:
            raise ValueError(f'max_length {self.max_length} leaves no room for special tokens')
        len_a, len_b = truncate_pair(len(enc_a.ids), len(enc_b.ids) if enc_b else 0, budget)
        ids_a, ids_b = enc_a.ids[:len_a], (enc_b.ids[:len_b] if enc_b else None)
        ids, types = tok.build_inputs(ids_a, ids_b)
        # Map word indices onto the laid-out sequence: specials are -1, text_b's words follow
        # text_a's so every word index is unique.
        words_a = [w if w is not None else -1 for w in enc_a.word_ids[:len_a]]
        n_words_a = max(words_a, default=-1) + 1
        words_b = (
            [w + n_words_a if w is not None else -1 for w in enc_b.word_ids[:len_b]]
            if enc_b
            else None
        )
        word_layout, _ = tok.build_inputs([-2] * len_a, [-3] * len_b if enc_b is not None else None)
        word_ids = np.full(len(ids), -1, dtype=np.int64)
        pos_a = [i for i, v in enumerate(word_layout) if v == -2]
        word_ids[pos_a] = words_a
        if words_b is not None:
            word_ids[[i for i, v in enumerate(word_layout) if v == -3]] = words_b
        results['input_ids'] = np.asarray(ids, dtype=np.int64)
        results['token_type_ids'] = np.asarray(types, dtype=np.int64)
        results['attention_mask'] = np.ones(len(ids), dtype=np.int64)
        results['special_tokens_mask'] = np.isin(
            results['input_ids'], list(tok.special_token_ids)
        ).astype(np.int64)
        results['word_ids'] = word_ids
        if 'entity_spans' in results:
            results['entity_token_spans'] = self._entity_token_spans(
                results['entity_spans'], enc_a.offsets[:len_a], pos_a
            )
        return results

    @staticmethod
    def _entity_token_spans(char_spans, offsets, positions) -> list[tuple[int, int]]:
        spans = []
        for start, end in char_spans:
            inside = [p for (s, e), p in zip(offsets, positions) if s < end and e > start]
            if inside:
                spans.append((inside[0], inside[-1] + 1))
        return spans

    def __repr__(self) -> str:
        return f'{type(self).__name__}(max_length={self.max_length})'


@TRANSFORMS.register_module()
class PadTokens(BaseTransform):
    """Pad the token arrays to a fixed ``max_length`` (optional: the data preprocessor pads
    each batch to its longest sequence anyway).

    ``input_ids`` take ``pad_token_id``, ``attention_mask`` and ``token_type_ids`` 0,
    ``word_ids`` -1, ``special_tokens_mask`` 1, ``mlm_labels`` -100.
    """

    def __init__(self, max_length: int, pad_token_id: int = 0):
        self.max_length = max_length
        self.pad_token_id = pad_token_id

    def transform(self, results: dict) -> dict:
        fill = dict(
            input_ids=self.pad_token_id,
            token_type_ids=0,
            attention_mask=0,
            word_ids=-1,
            special_tokens_mask=1,
            mlm_labels=IGNORE_INDEX,
        )
        for key, value in fill.items():
            if key in results:
                arr = np.asarray(results[key])
                if len(arr) > self.max_length:
                    raise ValueError(
                        f'PadTokens: {key} has {len(arr)} tokens > max_length {self.max_length}; '
                        'truncate first (TokenizeText max_length)'
                    )
                results[key] = np.pad(arr, (0, self.max_length - len(arr)), constant_values=value)
        return results


@TRANSFORMS.register_module()
class MaskTokens(BaseTransform):
    """Masked-LM corruption with BERT's 80/10/10 rule at token, whole-word, span or entity level.

    About ``mask_prob`` of the maskable tokens (not special, not padding) are chosen, in units:

    - ``'token'``: single tokens (BERT).
    - ``'whole_word'``: all sub-words of a word together (BERT whole-word masking).
    - ``'span'``: runs of whole words with geometric lengths (p = ``span_p``, at most
      ``max_span`` words) at random non-overlapping starts (SpanBERT).
    - ``'entity'``: each entity span (``entity_token_spans`` from :class:`TokenizeText`) is one
      unit, the other words are whole-word units (ERNIE's knowledge masking).

    Units are shuffled and taken while they fit the budget. Each chosen unit is replaced by
    [MASK] with probability ``ratios[0]``, by random tokens with ``ratios[1]``, or kept
    (``ratios[2]``); for ``unit='token'`` this is per token, as in BERT; for the others the whole
    unit shares one decision, as in SpanBERT. Adds ``mlm_labels`` (original id at chosen
    positions, -100 elsewhere) and rewrites ``input_ids``. Randomness comes from numpy's global
    generator, which mmengine seeds per worker.

    Args:
        tokenizer: Tokenizer config (gives the [MASK] id and the vocabulary of random tokens).
        mask_prob: Fraction of maskable tokens to choose.
        unit: ``'token'``, ``'whole_word'``, ``'span'`` or ``'entity'``.
        ratios: (mask, random, keep) probabilities.
        span_p: Geometric parameter of span lengths (in words).
        max_span: Longest span in words.
        deterministic: Draw from a generator seeded by ``results['sample_idx']`` so a held-out
            set is masked the same way at every evaluation.
    """

    UNITS = ('token', 'whole_word', 'span', 'entity')

    def __init__(
        self,
        tokenizer,
        mask_prob: float = 0.15,
        unit: str = 'token',
        ratios: tuple[float, float, float] = (0.8, 0.1, 0.1),
        span_p: float = 0.2,
        max_span: int = 10,
        deterministic: bool = False,
    ):
        if unit not in self.UNITS:
            raise ValueError(f'unit must be one of {self.UNITS}, got {unit!r}')
        if len(ratios) != 3 or abs(sum(ratios) - 1) > 1e-6 or min(ratios) < 0:
            raise ValueError(
                f'ratios (mask, random, keep) must be 3 numbers summing to 1: {ratios}'
            )
        tok = _build_tokenizer(tokenizer)
        self.mask_token_id = tok.mask_token_id
        special = tok.special_token_ids
        self.random_pool = np.array(
            [i for i in range(tok.vocab_size) if i not in special], dtype=np.int64
        )
        self.mask_prob = mask_prob
        self.unit = unit
        self.ratios = tuple(ratios)
        self.span_p = span_p
        self.max_span = max_span
        self.deterministic = deterministic

    def _word_units(self, positions: np.ndarray, word_ids: np.ndarray) -> list[list[int]]:
        units: dict[int, list[int]] = {}
        for p in positions:
            units.setdefault(int(word_ids[p]) if word_ids[p] >= 0 else -1 - int(p), []).append(p)
        return list(units.values())

    def _units(self, results: dict, positions: np.ndarray, rng) -> list[list[int]]:
        if self.unit == 'token':
            return [[int(p)] for p in positions]
        word_ids = np.asarray(results['word_ids'])
        words = self._word_units(positions, word_ids)
        if self.unit == 'whole_word':
            return words
        if self.unit == 'entity':
            allowed = set(positions.tolist())
            taken: set[int] = set()
            units = []
            for s, e in results.get('entity_token_spans', []):
                unit = [p for p in range(s, e) if p in allowed and p not in taken]
                if unit:
                    units.append(unit)
                    taken.update(unit)
            return units + [w for w in words if not taken.intersection(w)]
        return words  # span: chosen by _choose_spans

    def _choose_spans(self, words: list[list[int]], budget: int, rng) -> list[list[int]]:
        """SpanBERT's sampling: length ~ Geometric(span_p) clipped to ``max_span`` words, a
        random start, rejected if it overlaps a chosen span or overflows the budget."""
        used = np.zeros(len(words), dtype=bool)
        chosen, count = [], 0
        for _ in range(10 * len(words)):
            if count >= budget:
                break
            length = min(int(rng.geometric(self.span_p)), self.max_span, len(words))
            start = int(rng.randint(len(words) - length + 1))
            if used[start : start + length].any():
                continue
            span = [p for w in words[start : start + length] for p in w]
            if count + len(span) > budget:
                continue
            used[start : start + length] = True
            chosen.append(span)
            count += len(span)
        return chosen

    def transform(self, results: dict) -> dict:
        ids = np.asarray(results['input_ids']).copy()
        rng = np.random.RandomState(results['sample_idx']) if self.deterministic else np.random
        maskable = np.asarray(results.get('special_tokens_mask', np.zeros_like(ids))) == 0
        if 'attention_mask' in results:
            maskable &= np.asarray(results['attention_mask']) == 1
        positions = np.flatnonzero(maskable)
        labels = np.full_like(ids, IGNORE_INDEX)
        if len(positions):
            budget = max(1, int(round(len(positions) * self.mask_prob)))
            units = self._units(results, positions, rng)
            if self.unit == 'span':
                chosen = self._choose_spans(units, budget, rng)
            else:
                chosen, count = [], 0
                for k in rng.permutation(len(units)):
                    if count + len(units[k]) <= budget:
                        chosen.append(units[k])
                        count += len(units[k])
                    if count >= budget:
                        break
            if self.unit == 'token':
                chosen = [[p] for unit in chosen for p in unit]
            for unit in chosen:
                labels[unit] = ids[unit]
                r = rng.random_sample()
                if r < self.ratios[0]:
                    ids[unit] = self.mask_token_id
                elif r < self.ratios[0] + self.ratios[1]:
                    ids[unit] = rng.choice(self.random_pool, size=len(unit))
        results['input_ids'] = ids
        results['mlm_labels'] = labels
        return results

    def __repr__(self) -> str:
        return f'{type(self).__name__}(mask_prob={self.mask_prob}, unit={self.unit!r})'


@TRANSFORMS.register_module()
class PackTextInputs(BaseTransform):
    """Pack token arrays into ``inputs`` (dict of long tensors) and a :class:`TextDataSample`.

    Args:
        input_keys: Keys that go to ``inputs`` when present.
        meta_keys: Keys copied into the data sample's metainfo.

    ``mlm_labels`` becomes ``data_sample.mlm_labels``; ``gt_label`` (int) becomes
    ``data_sample.gt_label``.
    """

    def __init__(
        self,
        input_keys=('input_ids', 'token_type_ids', 'attention_mask'),
        meta_keys=('sample_idx', 'text', 'text_b'),
    ):
        self.input_keys = input_keys
        self.meta_keys = meta_keys

    def transform(self, results: dict) -> dict:
        inputs = {
            k: torch.as_tensor(np.asarray(results[k]), dtype=torch.long)
            for k in self.input_keys
            if k in results
        }
        sample = TextDataSample()
        if 'mlm_labels' in results:
            sample.mlm_labels = torch.as_tensor(np.asarray(results['mlm_labels']), dtype=torch.long)
        if 'gt_label' in results:
            sample.set_gt_label(results['gt_label'])
        sample.set_metainfo({k: results[k] for k in self.meta_keys if k in results})
        return dict(inputs=inputs, data_samples=sample)
