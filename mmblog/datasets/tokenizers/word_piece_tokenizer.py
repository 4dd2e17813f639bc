"""BERT's WordPiece tokenizer from a local ``vocab.txt`` (or one trained locally)."""

import os

from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers

from mmblog.registry import TOKENIZERS

from .base_tokenizer import BaseTokenizer, VocabFileError, require_vocab_file

BERT_SPECIAL_TOKENS = dict(pad='[PAD]', unk='[UNK]', cls='[CLS]', sep='[SEP]', mask='[MASK]')


def read_wordpiece_vocab(path: str, required: tuple[str, ...] = ()) -> dict[str, int]:
    """Read a ``vocab.txt`` (one token a line, id = line number) and check it.

    Raises:
        MissingDataError: the file does not exist.
        VocabFileError: empty file, empty or whitespace-containing token, duplicate token, or a
            required special token missing; the message names file and line.
    """
    require_vocab_file(path)
    try:
        with open(path, encoding='utf-8') as f:
            lines = f.read().split('\n')
    except UnicodeDecodeError as exc:
        raise VocabFileError(f'{path}: not UTF-8 text (byte {exc.start})') from None
    if lines and lines[-1] == '':
        lines.pop()
    if not lines:
        raise VocabFileError(f'{path}: empty vocabulary file')
    vocab: dict[str, int] = {}
    for i, token in enumerate(lines):
        token = token.rstrip('\r')
        if not token or token != token.strip() or len(token.split()) != 1:
            raise VocabFileError(
                f'{path}: line {i + 1}: token {token!r} is empty or contains whitespace'
            )
        if token in vocab:
            raise VocabFileError(
                f'{path}: line {i + 1}: duplicate token {token!r} (first on line {vocab[token] + 1})'
            )
        vocab[token] = i
    missing = [t for t in required if t not in vocab]
    if missing:
        raise VocabFileError(f'{path}: special token(s) {", ".join(missing)} missing')
    return vocab


@TOKENIZERS.register_module()
class WordPieceTokenizer(BaseTokenizer):
    """WordPiece (BERT) on the ``tokenizers`` package.

    Pairs are laid out as ``[CLS] a [SEP] b [SEP]`` with segment ids 0 for ``[CLS] a [SEP]`` and
    1 for ``b [SEP]``. A word with a character the vocabulary lacks becomes ``[UNK]``.

    Args:
        vocab_file: Local ``vocab.txt`` (BERT format: one token a line).
        lowercase: Lower-case and strip accents (uncased BERT models).
        extra_special_tokens: Never-split model tokens such as ``['[ENT]']``.
        max_input_chars_per_word: Longer words become ``[UNK]`` (BERT uses 100).

    Examples:
        >>> tok = WordPieceTokenizer('data/demo/text_corpus/vocab.txt')  # doctest: +SKIP
        >>> tok('the cat sat', 'on a mat')  # doctest: +SKIP
        {'input_ids': [2, 5, 9, 14, 3, 20, 7, 31, 3], 'token_type_ids': [0, 0, 0, 0, 0, 1, 1, 1, 1]}
    """

    def __init__(
        self,
        vocab_file: str,
        lowercase: bool = True,
        extra_special_tokens: list[str] | tuple = (),
        max_input_chars_per_word: int = 100,
    ):
        self.vocab_file = vocab_file
        self.special_tokens = dict(BERT_SPECIAL_TOKENS)
        vocab = read_wordpiece_vocab(vocab_file, tuple(self.special_tokens.values()))
        self.backend = Tokenizer(
            models.WordPiece(
                vocab, unk_token='[UNK]', max_input_chars_per_word=max_input_chars_per_word
            )
        )
        self.backend.normalizer = normalizers.BertNormalizer(
            clean_text=True, handle_chinese_chars=True, strip_accents=None, lowercase=lowercase
        )
        self.backend.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
        self.backend.decoder = decoders.WordPiece()
        self._register_special_tokens(extra_special_tokens)

    def build_inputs(
        self, ids_a: list[int], ids_b: list[int] | None = None
    ) -> tuple[list[int], list[int]]:
        ids = [self.cls_token_id, *ids_a, self.sep_token_id]
        types = [0] * len(ids)
        if ids_b is not None:
            ids += [*ids_b, self.sep_token_id]
            types += [1] * (len(ids_b) + 1)
        return ids, types

    @staticmethod
    def train(
        files: list[str],
        vocab_size: int,
        out_file: str,
        lowercase: bool = True,
        min_frequency: int = 2,
        extra_special_tokens: list[str] | tuple = (),
    ) -> int:
        """Train a WordPiece vocabulary on local text files and write it as ``vocab.txt``.

        Returns:
            The number of tokens written.
        """
        for f in files:
            if not os.path.isfile(f):
                raise FileNotFoundError(f'corpus file not found: {f}')
        backend = Tokenizer(models.WordPiece(unk_token='[UNK]'))
        backend.normalizer = normalizers.BertNormalizer(lowercase=lowercase, strip_accents=None)
        backend.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
        specials = [*BERT_SPECIAL_TOKENS.values(), *extra_special_tokens]
        trainer = trainers.WordPieceTrainer(
            vocab_size=vocab_size,
            min_frequency=min_frequency,
            special_tokens=specials,
            show_progress=False,
        )
        backend.train(files, trainer)
        vocab = backend.get_vocab()
        tokens = sorted(vocab, key=vocab.get)
        os.makedirs(os.path.dirname(os.path.abspath(out_file)), exist_ok=True)
        tmp = out_file + '.tmp'
        with open(tmp, 'w', encoding='utf-8') as f:
            f.write('\n'.join(tokens) + '\n')
        os.replace(tmp, out_file)
        return len(tokens)
