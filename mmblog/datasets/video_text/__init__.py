from .caption_merge import merge_captions
from .hero_layout import (
    VideoFeatureStore,
    assign_frames,
    load_subtitles,
    load_tvqa,
    load_tvr,
    time_to_frames,
)
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
from .tvqa import TVQADataset
from .tvr import TVRDataset
from .video_subtitle import VideoSubtitleDataset, hero_collate

__all__ = [
    'TVQADataset',
    'TVRDataset',
    'VideoFeatureStore',
    'VideoSubtitleDataset',
    'assign_frames',
    'hero_collate',
    'load_subtitles',
    'load_tvqa',
    'load_tvr',
    'time_to_frames',
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
