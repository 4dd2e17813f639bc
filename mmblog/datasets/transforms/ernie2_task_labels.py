"""Labels of ERNIE 2.0's word- and structure-aware pre-training tasks (Sun et al., 2020).

Data side only: each transform turns raw text fields into the inputs and labels one task head
needs. Word-level labels are per whitespace word (``word_labels``); a tokenizer's ``word_ids``
map them onto tokens.

* :class:`CapitalizationLabels`: 1 where the word starts with a capital letter (the text is then
  lower-cased for an uncased model).
* :class:`TokenDocumentRelation`: 1 where the word also occurs in another segment of the same
  document (``document``), ERNIE 2.0's "token-document relation".
* :class:`SentenceReorder`: split ``sentences`` into ``n <= max_segments`` segments, shuffle
  them, label = index of the permutation among all ``sum_{n <= m} n!`` orderings.
* :func:`sentence_distance_label`: 0 adjacent sentences, 1 same document, 2 other documents.
"""

import itertools
import math
import re

import numpy as np
from mmcv.transforms import BaseTransform

from mmblog.registry import TRANSFORMS


def reorder_label_space(max_segments: int) -> list[tuple[int, ...]]:
    """Every permutation of ``n = 1..max_segments`` segments, in a fixed order: the classes of
    sentence reordering (``sum_{n <= m} n!`` of them; 9 for m = 3, 33 for m = 4)."""
    return [p for n in range(1, max_segments + 1) for p in itertools.permutations(range(n))]


def sentence_distance_label(doc_a: int, idx_a: int, doc_b: int, idx_b: int) -> int:
    """ERNIE 2.0's 3-class sentence distance: 0 adjacent (b follows a), 1 same document, 2 not."""
    if doc_a != doc_b:
        return 2
    return 0 if idx_b == idx_a + 1 else 1


_WORD = re.compile(r'\w+', re.UNICODE)


@TRANSFORMS.register_module()
class CapitalizationLabels(BaseTransform):
    """``word_labels`` = 1 for capitalised words of ``text``; ``text`` becomes lower-case."""

    def transform(self, results: dict) -> dict:
        words = results['text'].split()
        results['word_labels'] = np.asarray([int(w[:1].isupper()) for w in words], dtype=np.int64)
        results['text'] = results['text'].lower()
        return results


@TRANSFORMS.register_module()
class TokenDocumentRelation(BaseTransform):
    """``word_labels`` = 1 where a word of ``text`` also appears in ``document`` (the rest of the
    document, text excluded), case-insensitive."""

    def transform(self, results: dict) -> dict:
        others = {w.lower() for w in _WORD.findall(results['document'])}
        words = results['text'].split()
        results['word_labels'] = np.asarray(
            [int(any(t.lower() in others for t in _WORD.findall(w))) for w in words],
            dtype=np.int64,
        )
        return results


@TRANSFORMS.register_module()
class SentenceReorder(BaseTransform):
    """Shuffle ``sentences`` cut into 1..``max_segments`` segments; ``gt_label`` is the ordering.

    The number of segments is uniform over ``1..min(max_segments, len(sentences))``; segment
    ``k`` of the shuffled text is original segment ``perm[k]``, and the label is the index of
    ``perm`` in :func:`reorder_label_space`. Output ``text`` joins the shuffled segments with
    ``sep``.
    """

    def __init__(self, max_segments: int = 3, sep: str = ' '):
        self.max_segments = max_segments
        self.sep = sep
        self.space = {p: i for i, p in enumerate(reorder_label_space(max_segments))}

    def transform(self, results: dict) -> dict:
        sents = list(results['sentences'])
        if not sents:
            raise ValueError('SentenceReorder: the example has no sentences')
        n = int(np.random.randint(1, min(self.max_segments, len(sents)) + 1))
        cuts = (
            sorted(np.random.choice(np.arange(1, len(sents)), n - 1, replace=False))
            if n > 1
            else []
        )
        bounds = [0, *cuts, len(sents)]
        segments = [' '.join(sents[a:b]) for a, b in zip(bounds[:-1], bounds[1:])]
        perm = tuple(int(i) for i in np.random.permutation(n))
        results['segments'] = [segments[i] for i in perm]
        results['text'] = self.sep.join(results['segments'])
        results['gt_label'] = self.space[perm]
        results['num_reorder_classes'] = len(self.space)
        assert len(self.space) == sum(math.factorial(k) for k in range(1, self.max_segments + 1))
        return results
