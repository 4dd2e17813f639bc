"""ERNIE 2.0 pre-training examples of one input format, with every task's labels attached."""

import os.path as osp

import numpy as np
from mmengine.dataset import BaseDataset

from mmblog.datasets.transforms.ernie2_task_labels import (
    reorder_label_space,
    sentence_distance_label,
)
from mmblog.registry import DATASETS
from mmblog.utils.data_check import DataFormatError, require_path

IGNORE = -100
SPECIALS = ('[PAD]', '[CLS]', '[SEP]', '[MASK]', '[UNK]')
# Input formats, in the order of their task ids (token-level tasks share ``segment``).
FORMATS = (
    'segment',
    'sentence_reordering',
    'sentence_distance',
    'discourse_relation',
    'ir_relevance',
)


def read_documents(path: str) -> list[list[str]]:
    """BERT's pre-training text layout: one sentence a line, blank line between documents."""
    docs, cur = [], []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line:
                cur.append(line)
            elif cur:
                docs.append(cur)
                cur = []
    if cur:
        docs.append(cur)
    return docs


@DATASETS.register_module()
class Ernie2TaskDataset(BaseDataset):
    """Examples of one ERNIE 2.0 input format from a corpus folder (see ``ernie2_corpus``).

    Layout under ``data_root``: ``vocab.txt`` (one token a line, ``[PAD] [CLS] [SEP] [MASK]
    [UNK]`` first), ``phrases.txt`` (the knowledge-masking gazetteer), and per split
    ``docs.txt``, ``discourse.tsv`` (``s1<TAB>s2<TAB>marker``) and ``ir.tsv``
    (``query<TAB>title<TAB>label``). Text is split on whitespace and lower-cased (an uncased
    word vocabulary); the original case gives the capitalization labels.

    Each example holds ``input_ids``, ``token_type_ids``, ``task_type_ids`` (the format's id),
    the token-level labels ``cap_labels`` (1 capitalised word), ``tdr_labels`` (1 the word also
    occurs in another sentence of its document; ``segment`` only), ``km_span_ids`` (k >= 1 for
    the tokens of the k-th gazetteer phrase) and, for sentence-level formats, ``gt_label``.

    Args:
        data_root: Corpus folder.
        split: ``train`` or ``val``.
        task_format: One of :data:`FORMATS`.
        max_segments: Sentence reordering's m (``sum_{n<=m} n!`` classes).
        markers: Discourse markers, in label order.
        seed: Seed of the example construction (shuffles, pairs).
    """

    MAKE_COMMAND = 'python tools/misc/make_demo_data.py --only ernie2_corpus'

    def __init__(
        self,
        data_root: str,
        split: str = 'train',
        task_format: str = 'segment',
        max_segments: int = 3,
        markers: tuple[str, ...] = ('and', 'but', 'then'),
        seed: int = 0,
        **kwargs,
    ):
        if task_format not in FORMATS:
            raise ValueError(f'task_format must be one of {FORMATS}, got {task_format!r}')
        self.split = split
        self.task_format = task_format
        self.max_segments = max_segments
        self.markers = tuple(markers)
        self.seed = seed
        super().__init__(data_root=data_root, **kwargs)

    # -- files ---------------------------------------------------------------------------
    def _path(self, *parts: str) -> str:
        return require_path(osp.join(self.data_root, *parts), self.MAKE_COMMAND)

    def _load_vocab(self) -> None:
        path = self._path('vocab.txt')
        with open(path, encoding='utf-8') as f:
            tokens = [line.rstrip('\n') for line in f]
        if tuple(tokens[: len(SPECIALS)]) != SPECIALS:
            raise DataFormatError(f'{path}: line 1-5: expected the special tokens {SPECIALS}')
        self.vocab = {t: i for i, t in enumerate(tokens)}
        with open(self._path('phrases.txt'), encoding='utf-8') as f:
            self.phrases = {tuple(line.lower().split()) for line in f if line.strip()}

    def _read_tsv(self, name: str, label_field: str) -> list[tuple[str, str, int]]:
        path = self._path(self.split, name)
        rows = []
        with open(path, encoding='utf-8') as f:
            for line_no, line in enumerate(f, 1):
                parts = line.rstrip('\n').split('\t')
                if len(parts) != 3:
                    raise DataFormatError(
                        f'{path}: line {line_no}: expected 3 tab-separated fields, got {len(parts)}'
                    )
                a, b, lab = parts
                if label_field == 'marker':
                    if lab not in self.markers:
                        raise DataFormatError(
                            f'{path}: line {line_no}: field marker: {lab!r} is not one of '
                            f'{self.markers}'
                        )
                    rows.append((a, b, self.markers.index(lab)))
                else:
                    if lab not in ('0', '1', '2'):
                        raise DataFormatError(
                            f'{path}: line {line_no}: field label: {lab!r} is not 0, 1 or 2'
                        )
                    rows.append((a, b, int(lab)))
        return rows

    # -- encoding ------------------------------------------------------------------------
    def _encode(self, segments: list[str], others: str | None = None) -> dict:
        """[CLS] seg1 [SEP] seg2 [SEP] ... with per-token labels."""
        v = self.vocab
        ids, types, cap, tdr, words = [v['[CLS]']], [0], [IGNORE], [IGNORE], [None]
        other_words = set(others.lower().split()) if others is not None else None
        for k, seg in enumerate(segments):
            for w in seg.split():
                lw = w.lower()
                ids.append(v.get(lw, v['[UNK]']))
                types.append(k % 2)
                cap.append(int(w[:1].isupper()))
                tdr.append(IGNORE if other_words is None else int(lw in other_words))
                words.append(lw)
            ids.append(v['[SEP]'])
            types.append(k % 2)
            cap.append(IGNORE)
            tdr.append(IGNORE)
            words.append(None)
        spans = np.zeros(len(ids), dtype=np.int64)
        i, k = 0, 0
        while i < len(words):  # greedy longest gazetteer match
            for n in (4, 3, 2, 1):
                if None not in words[i : i + n] and tuple(words[i : i + n]) in self.phrases:
                    k += 1
                    spans[i : i + n] = k
                    i += n - 1
                    break
            i += 1
        fmt_id = FORMATS.index(self.task_format)
        return dict(
            input_ids=np.asarray(ids, dtype=np.int64),
            token_type_ids=np.asarray(types, dtype=np.int64),
            task_type_ids=np.full(len(ids), fmt_id, dtype=np.int64),
            cap_labels=np.asarray(cap, dtype=np.int64),
            tdr_labels=np.asarray(tdr, dtype=np.int64),
            km_span_ids=spans,
            task=self.task_format,
        )

    def load_data_list(self) -> list[dict]:
        self._load_vocab()
        rng = np.random.default_rng(self.seed)
        fmt = self.task_format
        data = []
        if fmt == 'discourse_relation':
            for a, b, label in self._read_tsv('discourse.tsv', 'marker'):
                data.append(dict(self._encode([a, b]), gt_label=label))
            return data
        if fmt == 'ir_relevance':
            for q, t, label in self._read_tsv('ir.tsv', 'label'):
                data.append(dict(self._encode([q, t]), gt_label=label))
            return data
        docs = read_documents(self._path(self.split, 'docs.txt'))
        if not docs:
            raise DataFormatError(f'{self._path(self.split, "docs.txt")}: no documents')
        if fmt == 'segment':
            for doc in docs:
                for i, sent in enumerate(doc):
                    others = ' '.join(doc[:i] + doc[i + 1 :])
                    data.append(self._encode([sent], others))
        elif fmt == 'sentence_reordering':
            space = {p: i for i, p in enumerate(reorder_label_space(self.max_segments))}
            for doc in docs:
                n = int(rng.integers(1, min(self.max_segments, len(doc)) + 1))
                cuts = sorted(rng.choice(np.arange(1, len(doc)), n - 1, replace=False).tolist())
                bounds = [0, *cuts, len(doc)]
                segs = [' '.join(doc[a:b]) for a, b in zip(bounds[:-1], bounds[1:])]
                perm = tuple(int(i) for i in rng.permutation(n))
                data.append(dict(self._encode([segs[i] for i in perm]), gt_label=space[perm]))
        else:  # sentence_distance: balanced adjacent / same document / other document
            for d, doc in enumerate(docs):
                for _ in range(2):
                    kind = int(rng.integers(3))
                    i = int(rng.integers(len(doc) - 1))
                    if kind == 0:
                        j, e = i + 1, d
                    elif kind == 1:
                        j = int(rng.choice([k for k in range(len(doc)) if k not in (i, i + 1)]))
                        e = d
                    else:
                        e = (d + 1 + int(rng.integers(len(docs) - 1))) % len(docs)
                        j = int(rng.integers(len(docs[e])))
                    label = sentence_distance_label(d, i, e, j)
                    data.append(dict(self._encode([doc[i], docs[e][j]]), gt_label=label))
        return data
