"""Plain-text corpus in BERT's pre-training format: one sentence a line, blank line = new doc."""

import os.path as osp

from mmengine.dataset import BaseDataset

from mmblog.registry import DATASETS
from mmblog.utils.data_check import DataFormatError, MissingDataError


@DATASETS.register_module()
class TextCorpusDataset(BaseDataset):
    """Sentences of a UTF-8 text file, the input format of BERT's ``create_pretraining_data``.

    Every non-blank line is one example ``dict(text=line, doc_idx=d, sample_idx=i)``; blank
    lines separate documents. WikiText/BookCorpus dumps converted to this format load as is.

    Args:
        ann_file: The text file, relative to ``data_root``.
        data_root: Folder of the corpus.
        min_chars: Skip lines shorter than this (after stripping).
        pipeline: Text transforms (``TokenizeText``, ``MaskTokens``, ``PackTextInputs``).

    Examples:
        >>> ds = TextCorpusDataset(ann_file='train.txt', data_root='data/demo/text_corpus',
        ...                        pipeline=[])  # doctest: +SKIP
        >>> ds[0]['text']  # doctest: +SKIP
        'after july then august then september comes october'
    """

    MAKE_COMMAND = 'python tools/misc/make_demo_data.py --only text_corpus'

    def __init__(self, ann_file: str, min_chars: int = 1, **kwargs):
        self.min_chars = min_chars
        super().__init__(ann_file=ann_file, **kwargs)

    def load_data_list(self) -> list[dict]:
        path = self.ann_file
        if not osp.isfile(path):
            raise MissingDataError(f'data not found: {path} -- create it with: {self.MAKE_COMMAND}')
        data, doc = [], 0
        with open(path, 'rb') as f:
            for line_no, raw in enumerate(f, 1):
                try:
                    line = raw.decode('utf-8').strip()
                except UnicodeDecodeError as exc:
                    raise DataFormatError(
                        f'{path}: line {line_no}: not UTF-8 (byte {exc.start})'
                    ) from None
                if not line:
                    doc += bool(data) and data[-1]['doc_idx'] == doc
                    continue
                if len(line) >= self.min_chars:
                    data.append(dict(text=line, doc_idx=doc, sample_idx=len(data)))
        if not data:
            raise DataFormatError(f'{path}: no text lines')
        return data
