"""What every mmblog tokenizer offers: ids with word indices, special-token roles, pair layout."""

import os
from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from tokenizers import AddedToken, Tokenizer

from mmblog.utils.data_check import DataFormatError, MissingDataError

# huggingface-hub comes with `tokenizers`; nothing here may reach the network.
os.environ.setdefault('HF_HUB_OFFLINE', '1')

TRAIN_COMMAND = 'python tools/misc/train_tokenizer.py CORPUS.txt --vocab-size N --out {path}'


class VocabFileError(DataFormatError):
    """A vocabulary file that cannot be read; the message names the file, line and problem."""


def require_vocab_file(path: str, what: str = 'vocabulary file') -> str:
    """Return ``path`` or raise :class:`MissingDataError` naming the command that makes it."""
    if not os.path.isfile(path):
        raise MissingDataError(
            f'{what} not found: {path} -- create it with: ' + TRAIN_COMMAND.format(path=path)
        )
    return path


@dataclass
class TokenizedText:
    """Token ids of one text without special tokens.

    Attributes:
        ids: Token ids.
        word_ids: Index of the word each token belongs to (sub-words of a word share it).
        tokens: The token strings (for display and debugging).
    """

    ids: list[int]
    word_ids: list[int]
    tokens: list[str] = field(default_factory=list)


class BaseTokenizer(ABC):
    """Wraps a ``tokenizers.Tokenizer`` and names its special tokens by role.

    Subclasses set ``self.backend`` and ``self.special_tokens`` (role -> token string, roles
    ``cls``, ``sep``, ``pad``, ``mask``, ``unk``) and implement :meth:`build_inputs`.

    Args:
        extra_special_tokens: Model-specific tokens that must never be split (``[ENT]``,
            ``[HD]``, ``[TL]`` for ERNIE, ``[IMG]`` for ERNIE-ViL). Tokens missing from the
            vocabulary get new ids after the last one.
    """

    backend: Tokenizer
    special_tokens: dict[str, str]

    def _register_special_tokens(self, extra_special_tokens: list[str] | tuple = ()) -> None:
        tokens = list(self.special_tokens.values()) + list(extra_special_tokens)
        self.backend.add_special_tokens([AddedToken(t, special=True) for t in tokens])
        self.extra_special_tokens = list(extra_special_tokens)
        self.special_token_ids = frozenset(self.backend.token_to_id(t) for t in tokens)

    # --- vocabulary -------------------------------------------------------------------------
    @property
    def vocab_size(self) -> int:
        """Number of ids, including added special tokens."""
        return self.backend.get_vocab_size(with_added_tokens=True)

    def token_to_id(self, token: str) -> int | None:
        return self.backend.token_to_id(token)

    def id_to_token(self, idx: int) -> str | None:
        return self.backend.id_to_token(idx)

    def convert_ids_to_tokens(self, ids) -> list[str]:
        return [self.backend.id_to_token(int(i)) for i in ids]

    def _role_id(self, role: str) -> int:
        return self.backend.token_to_id(self.special_tokens[role])

    @property
    def cls_token_id(self) -> int:
        return self._role_id('cls')

    @property
    def sep_token_id(self) -> int:
        return self._role_id('sep')

    @property
    def pad_token_id(self) -> int:
        return self._role_id('pad')

    @property
    def mask_token_id(self) -> int:
        return self._role_id('mask')

    @property
    def unk_token_id(self) -> int:
        return self._role_id('unk')

    # --- encoding ---------------------------------------------------------------------------
    def encode(self, text: str) -> TokenizedText:
        """Tokenize ``text`` without adding special tokens."""
        enc = self.backend.encode(text, add_special_tokens=False)
        word_ids = [-1 if w is None else w for w in enc.word_ids]
        return TokenizedText(list(enc.ids), word_ids, list(enc.tokens))

    def decode(self, ids, skip_special_tokens: bool = True) -> str:
        return self.backend.decode([int(i) for i in ids], skip_special_tokens=skip_special_tokens)

    def num_special_tokens_to_add(self, pair: bool = False) -> int:
        ids, _ = self.build_inputs([], [] if pair else None)
        return len(ids)

    @abstractmethod
    def build_inputs(
        self, ids_a: list[int], ids_b: list[int] | None = None
    ) -> tuple[list[int], list[int]]:
        """Add the model's special tokens; return ``(input_ids, token_type_ids)``."""

    def __call__(self, text: str, text_b: str | None = None) -> dict:
        """``input_ids`` and ``token_type_ids`` of a text (or pair) with special tokens."""
        ids_b = self.encode(text_b).ids if text_b is not None else None
        ids, types = self.build_inputs(self.encode(text).ids, ids_b)
        return dict(input_ids=ids, token_type_ids=types)
