from .caption_merge import merge_captions
from .howto100m import HowTo100MDataset
from .io import (
    STOP_WORDS,
    VideoTextFormatError,
    load_caption_pickle,
    load_npy_features,
    load_npz_features,
    read_word2vec_bin,
    tokenize_words,
    write_word2vec_bin,
)

__all__ = [
    'HowTo100MDataset',
    'STOP_WORDS',
    'VideoTextFormatError',
    'load_caption_pickle',
    'load_npy_features',
    'load_npz_features',
    'merge_captions',
    'read_word2vec_bin',
    'tokenize_words',
    'write_word2vec_bin',
]
