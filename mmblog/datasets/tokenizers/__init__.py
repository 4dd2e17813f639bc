"""Tokenizers registered in ``TOKENIZERS``: build one with ``TOKENIZERS.build(cfg)``."""

from .base_tokenizer import BaseTokenizer, TokenizedText, VocabFileError, require_vocab_file
from .bpe_tokenizer import BPETokenizer, read_bpe_files
from .word_piece_tokenizer import WordPieceTokenizer, read_wordpiece_vocab

__all__ = [
    'BPETokenizer',
    'BaseTokenizer',
    'TokenizedText',
    'VocabFileError',
    'WordPieceTokenizer',
    'read_bpe_files',
    'read_wordpiece_vocab',
    'require_vocab_file',
]
