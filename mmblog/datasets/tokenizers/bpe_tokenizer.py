"""RoBERTa's byte-level BPE tokenizer from local ``vocab.json`` and ``merges.txt``."""

import json
import os

from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers, trainers

from mmblog.registry import TOKENIZERS

from .base_tokenizer import BaseTokenizer, VocabFileError, require_vocab_file

ROBERTA_SPECIAL_TOKENS = dict(cls='<s>', pad='<pad>', sep='</s>', unk='<unk>', mask='<mask>')


def read_bpe_files(
    vocab_file: str, merges_file: str, required: tuple[str, ...] = ()
) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """Read and check a byte-level BPE ``vocab.json`` and ``merges.txt``.

    Raises:
        MissingDataError: a file does not exist.
        VocabFileError: invalid JSON, a non-integer id, a duplicate id, a merges line that is not
            two tokens, or a missing special token; the message names file and line.
    """
    require_vocab_file(vocab_file, 'BPE vocab.json')
    require_vocab_file(merges_file, 'BPE merges.txt')
    try:
        with open(vocab_file, encoding='utf-8') as f:
            vocab = json.load(f)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise VocabFileError(f'{vocab_file}: not a JSON vocabulary ({exc})') from None
    if not isinstance(vocab, dict) or not vocab:
        raise VocabFileError(f'{vocab_file}: expected a non-empty JSON object token -> id')
    seen: dict[int, str] = {}
    for token, idx in vocab.items():
        if not isinstance(idx, int) or isinstance(idx, bool) or idx < 0:
            raise VocabFileError(
                f'{vocab_file}: token {token!r}: id {idx!r} is not an integer >= 0'
            )
        if idx in seen:
            raise VocabFileError(f'{vocab_file}: tokens {seen[idx]!r} and {token!r} share id {idx}')
        seen[idx] = token
    missing = [t for t in required if t not in vocab]
    if missing:
        raise VocabFileError(f'{vocab_file}: special token(s) {", ".join(missing)} missing')
    merges = []
    with open(merges_file, encoding='utf-8') as f:
        for i, line in enumerate(f):
            line = line.rstrip('\r\n')
            if (i == 0 and line.startswith('#version')) or not line:
                continue
            parts = line.split(' ')
            if len(parts) != 2 or not all(parts):
                raise VocabFileError(
                    f'{merges_file}: line {i + 1}: expected two tokens, got {line!r}'
                )
            merges.append((parts[0], parts[1]))
    return vocab, merges


@TOKENIZERS.register_module()
class BPETokenizer(BaseTokenizer):
    """Byte-level BPE (GPT-2 / RoBERTa) on the ``tokenizers`` package.

    Pairs are laid out as RoBERTa does, ``<s> a </s></s> b </s>``, all segment ids 0. Every
    byte has a token, so no text is unknown.

    Args:
        vocab_file: Local ``vocab.json``.
        merges_file: Local ``merges.txt``.
        add_prefix_space: Treat the first word like one after a space (RoBERTa: False).
        extra_special_tokens: Never-split model tokens.

    Examples:
        >>> tok = BPETokenizer('roberta/vocab.json', 'roberta/merges.txt')  # doctest: +SKIP
        >>> tok.decode(tok('Hello world')['input_ids'])  # doctest: +SKIP
        'Hello world'
    """

    def __init__(
        self,
        vocab_file: str,
        merges_file: str,
        add_prefix_space: bool = False,
        extra_special_tokens: list[str] | tuple = (),
    ):
        self.vocab_file, self.merges_file = vocab_file, merges_file
        self.special_tokens = dict(ROBERTA_SPECIAL_TOKENS)
        vocab, merges = read_bpe_files(vocab_file, merges_file, tuple(self.special_tokens.values()))
        self.backend = Tokenizer(models.BPE(vocab, merges))
        self.backend.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=add_prefix_space)
        self.backend.decoder = decoders.ByteLevel()
        self._register_special_tokens(extra_special_tokens)
        # RoBERTa's <mask> swallows the space before it, so 'a <mask>' encodes like 'a' + mask.
        self.backend.add_special_tokens([AddedToken('<mask>', lstrip=True, special=True)])

    def build_inputs(
        self, ids_a: list[int], ids_b: list[int] | None = None
    ) -> tuple[list[int], list[int]]:
        ids = [self.cls_token_id, *ids_a, self.sep_token_id]
        if ids_b is not None:
            ids += [self.sep_token_id, *ids_b, self.sep_token_id]
        return ids, [0] * len(ids)

    @staticmethod
    def train(
        files: list[str],
        vocab_size: int,
        out_dir: str,
        min_frequency: int = 2,
        extra_special_tokens: list[str] | tuple = (),
    ) -> int:
        """Train byte-level BPE on local text; write ``vocab.json`` and ``merges.txt``.

        Returns:
            The vocabulary size.
        """
        for f in files:
            if not os.path.isfile(f):
                raise FileNotFoundError(f'corpus file not found: {f}')
        backend = Tokenizer(models.BPE())
        backend.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
        trainer = trainers.BpeTrainer(
            vocab_size=vocab_size,
            min_frequency=min_frequency,
            special_tokens=[*ROBERTA_SPECIAL_TOKENS.values(), *extra_special_tokens],
            initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
            show_progress=False,
        )
        backend.train(files, trainer)
        os.makedirs(out_dir, exist_ok=True)
        backend.model.save(out_dir)
        return backend.get_vocab_size()
