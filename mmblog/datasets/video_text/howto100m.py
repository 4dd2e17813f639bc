"""HowTo100M clips in the reference layout: video csv, per-video 2D/3D ``.npy``, caption.pickle
and a local word2vec binary."""

import csv
import os.path as osp

import numpy as np
import torch
from mmengine.dataset import BaseDataset

from mmblog.registry import DATASETS

from .caption_merge import merge_captions
from .io import (
    VideoTextFormatError,
    load_caption_pickle,
    load_npy_features,
    read_word2vec_bin,
    tokenize_words,
)

_MAKE = 'python tools/misc/make_demo_data.py --only howto100m'


@DATASETS.register_module()
class HowTo100MDataset(BaseDataset):
    """Text-video clips of HowTo100M (training) or of a retrieval test list (evaluation).

    Training (``caption_file`` given): every narration line of every video in ``video_csv``
    becomes a clip, merged with its neighbours until it lasts ``min_time`` seconds.
    Evaluation (``clip_list`` given): a csv with ``video_id,start,end,sentence`` (the
    YouCook2 / MSR-VTT / LSMDC test lists in this form); text ``i`` matches clip ``i``.

    A clip's video vector is, for the 2D (``fps_2d``) and 3D (``fps_3d``) features, the max over
    the clip's frames, L2-normalised, then the two concatenated. Its text is the caption's words
    without stop words, looked up in word2vec (unknown words dropped), at most ``max_words``,
    zero-padded.

    Args:
        data_root: Folder the other paths are relative to.
        video_csv: ``HowTo100M_v1.csv``-style list (column ``video_id``) of the videos to use.
        caption_file: ``caption.pickle`` ``{video_id: {start, end, text}}``.
        clip_list: Evaluation csv ``video_id,start,end,sentence`` (instead of the captions).
        features_2d / features_3d: Folders of ``<video_id>.npy`` (T, D) files.
        word2vec: Binary word2vec file.
        fps_2d / fps_3d: Feature rates (reference: 1 and 24/16).
        min_time: Shortest merged clip in seconds (post: 5).
        max_words: Words per caption (post: 20).
        data_fraction: Use only the first fraction of the videos (training-data ablation).
        cache_features: Keep loaded feature files in memory (small datasets).
    """

    METAINFO = dict(dataset='HowTo100M')

    def __init__(
        self,
        data_root: str = '',
        video_csv: str = 'HowTo100M_v1.csv',
        caption_file: str | None = 'caption.pickle',
        clip_list: str | None = None,
        features_2d: str = 'features_2d',
        features_3d: str | None = 'features_3d',
        word2vec: str = 'word2vec.bin',
        fps_2d: float = 1.0,
        fps_3d: float = 24.0 / 16.0,
        min_time: float = 5.0,
        max_words: int = 20,
        data_fraction: float = 1.0,
        cache_features: bool = True,
        **kwargs,
    ) -> None:
        self.video_csv = video_csv
        self.caption_file = caption_file
        self.clip_list = clip_list
        self.feature_dirs = {'2d': features_2d}
        self.fps = {'2d': fps_2d, '3d': fps_3d}
        if features_3d:
            self.feature_dirs['3d'] = features_3d
        self.word2vec = word2vec
        self.min_time = min_time
        self.max_words = max_words
        self.data_fraction = data_fraction
        self.cache_features = cache_features
        self._features: dict[tuple[str, str], np.ndarray] = {}
        kwargs.setdefault('pipeline', [])
        super().__init__(data_root=data_root, **kwargs)

    def _path(self, name: str) -> str:
        return name if osp.isabs(name) else osp.join(self.data_root, name)

    def load_data_list(self) -> list[dict]:
        words, vectors = read_word2vec_bin(self._path(self.word2vec))
        self.word_index = {w: i for i, w in enumerate(words)}
        self.word_vectors = vectors
        if self.clip_list:
            clips = self._load_clip_list(self._path(self.clip_list))
        else:
            clips = self._load_captions()
        video_ids = sorted({c['video_id'] for c in clips})
        index = {v: i for i, v in enumerate(video_ids)}
        for c in clips:
            c['video_index'] = index[c['video_id']]
        return clips

    def _read_video_csv(self) -> list[str]:
        path = self._path(self.video_csv)
        if not osp.isfile(path):
            raise FileNotFoundError(f'data not found: {path} -- create it with: {_MAKE}')
        with open(path, newline='', encoding='utf-8') as f:
            reader = csv.DictReader(f)
            if 'video_id' not in (reader.fieldnames or []):
                raise VideoTextFormatError(f'{path}: header: column "video_id" missing')
            ids = [row['video_id'] for row in reader]
        keep = max(1, int(round(len(ids) * self.data_fraction)))
        return ids[:keep]

    def _load_captions(self) -> list[dict]:
        captions = load_caption_pickle(self._path(self.caption_file))
        clips = []
        for vid in self._read_video_csv():
            if vid not in captions:
                raise VideoTextFormatError(
                    f'{self._path(self.caption_file)}: video {vid} (listed in '
                    f'{self.video_csv}) has no captions'
                )
            cap = captions[vid]
            words = [tokenize_words(t) for t in cap['text']]
            for i in range(len(words)):
                first, last, merged = merge_captions(
                    cap['start'], cap['end'], words, i, self.min_time
                )
                clips.append(
                    dict(
                        video_id=vid,
                        start=float(cap['start'][first]),
                        end=float(cap['end'][last]),
                        words=merged,
                        text=' '.join(cap['text'][first : last + 1]),
                    )
                )
        return clips

    def _load_clip_list(self, path: str) -> list[dict]:
        if not osp.isfile(path):
            raise FileNotFoundError(f'data not found: {path} -- create it with: {_MAKE}')
        clips = []
        with open(path, newline='', encoding='utf-8') as f:
            reader = csv.DictReader(f)
            for col in ('video_id', 'start', 'end', 'sentence'):
                if col not in (reader.fieldnames or []):
                    raise VideoTextFormatError(f'{path}: header: column {col!r} missing')
            for row_no, row in enumerate(reader, 2):
                try:
                    start, end = float(row['start']), float(row['end'])
                except ValueError as exc:
                    raise VideoTextFormatError(f'{path}: line {row_no}: start/end: {exc}') from exc
                if end < start:
                    raise VideoTextFormatError(f'{path}: line {row_no}: end {end} < start {start}')
                clips.append(
                    dict(
                        video_id=row['video_id'],
                        start=start,
                        end=end,
                        words=tokenize_words(row['sentence']),
                        text=row['sentence'],
                    )
                )
        return clips

    # ------------------------------------------------------------------------------- items
    def _video_features(self, kind: str, video_id: str) -> np.ndarray:
        key = (kind, video_id)
        if key in self._features:
            return self._features[key]
        path = osp.join(self._path(self.feature_dirs[kind]), f'{video_id}.npy')
        feats = load_npy_features(path, video_id)
        if self.cache_features:
            self._features[key] = feats
        return feats

    def clip_video(self, video_id: str, start: float, end: float) -> np.ndarray:
        """The clip's video vector: per feature kind, max over its frames, L2-normalised."""
        parts = []
        for kind in self.feature_dirs:
            feats = self._video_features(kind, video_id)
            first = min(int(start * self.fps[kind]), len(feats) - 1)
            last = max(int(end * self.fps[kind]) + 1, first + 1)
            pooled = feats[first:last].max(axis=0)
            parts.append(pooled / max(np.linalg.norm(pooled), 1e-12))
        return np.concatenate(parts).astype(np.float32)

    def text_vectors(self, words: list[str]) -> np.ndarray:
        """(max_words, dim) word2vec vectors of the known words, zero-padded."""
        rows = [self.word_index[w] for w in words if w in self.word_index][: self.max_words]
        out = np.zeros((self.max_words, self.word_vectors.shape[1]), np.float32)
        if rows:
            out[: len(rows)] = self.word_vectors[rows]
        return out

    def prepare_data(self, idx: int) -> dict:
        info = self.get_data_info(idx)
        video = self.clip_video(info['video_id'], info['start'], info['end'])
        text = self.text_vectors(info['words'])
        return dict(
            inputs=dict(video=torch.from_numpy(video), text=torch.from_numpy(text)),
            data_samples=dict(video_index=info['video_index'], clip_index=idx),
        )
