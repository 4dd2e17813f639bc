"""Videos with subtitles in HERO's layout (TV / HowTo100M pre-training corpus)."""

import os.path as osp

import numpy as np
import torch
from mmengine.dataset import BaseDataset

from mmblog.registry import DATASETS, FUNCTIONS

from .hero_layout import VideoFeatureStore, assign_frames, load_subtitles
from .io import VideoTextFormatError


@DATASETS.register_module()
class VideoSubtitleDataset(BaseDataset):
    """One item per video: its frame features and its subtitles, each subtitle with the frames
    it owns (highest temporal IoU); frames no subtitle overlaps form text-free segments.

    Args:
        data_root: Folder the paths are relative to.
        feature_dir: ``.npz`` folder (or LMDB with ``use_lmdb``).
        subtitle_file: Subtitle jsonl.
        tokenizer: A ``TOKENIZERS`` config (WordPiece ``vocab.txt`` or RoBERTa BPE files).
        id2nframe: Optional ``id2nframe.json`` of the feature store.
        video_list: Optional text file of video names to use (one a line); default every
            video with subtitles.
        frame_duration: Seconds per feature frame (TV: 1.5, HowTo100M: 2).
        max_frames: Frames kept per video (HERO: 100).
        max_sub_tokens: Tokens kept per subtitle.
        use_lmdb: Read ``feature_dir`` as an LMDB.
    """

    METAINFO = dict(dataset='VideoSubtitle')

    def __init__(
        self,
        data_root: str = '',
        feature_dir: str = 'video_feats',
        subtitle_file: str = 'subtitles.jsonl',
        tokenizer: dict | None = None,
        id2nframe: str | None = None,
        video_list: str | None = None,
        frame_duration: float = 1.5,
        max_frames: int = 100,
        max_sub_tokens: int = 30,
        use_lmdb: bool = False,
        **kwargs,
    ) -> None:
        self.feature_dir, self.subtitle_file = feature_dir, subtitle_file
        self.tokenizer_cfg = tokenizer
        self.id2nframe_file, self.video_list = id2nframe, video_list
        self.frame_duration, self.max_frames = frame_duration, max_frames
        self.max_sub_tokens, self.use_lmdb = max_sub_tokens, use_lmdb
        kwargs.setdefault('pipeline', [])
        super().__init__(data_root=data_root, **kwargs)

    def _path(self, name: str | None) -> str | None:
        return name if name is None or osp.isabs(name) else osp.join(self.data_root, name)

    def full_init(self) -> None:
        if self._fully_initialized:
            return
        from mmblog.registry import TOKENIZERS

        if self.tokenizer_cfg is None:
            raise ValueError('VideoSubtitleDataset needs tokenizer=dict(type=..., vocab_file=...)')
        cfg = dict(self.tokenizer_cfg)
        if 'vocab_file' in cfg:
            cfg['vocab_file'] = self._path(cfg['vocab_file'])
        self.tokenizer = TOKENIZERS.build(cfg)
        self.store = VideoFeatureStore(
            self._path(self.feature_dir),
            self._path(self.id2nframe_file),
            self.max_frames,
            self.use_lmdb,
        )
        self.subtitles = load_subtitles(self._path(self.subtitle_file))
        self._tokens: dict[str, list[int]] = {}
        super().full_init()

    def _video_names(self) -> list[str]:
        if self.video_list:
            with open(self._path(self.video_list), encoding='utf-8') as f:
                return [line.strip() for line in f if line.strip()]
        return sorted(self.subtitles)

    def load_data_list(self) -> list[dict]:
        return [dict(vid=v) for v in self._video_names()]

    def encode(self, text: str, max_len: int | None = None) -> list[int]:
        """Token ids of ``text`` without special tokens, truncated."""
        if text not in self._tokens:
            self._tokens[text] = self.tokenizer.encode(text).ids
        return self._tokens[text][: max_len or self.max_sub_tokens]

    def video_item(self, vid: str, where: str = '') -> dict:
        """Frames and segments of one video (what the HERO encoder takes)."""
        if not self.store.has(vid):
            raise VideoTextFormatError(
                f'{where or self._path(self.subtitle_file)}: video {vid}: no features in '
                f'{self._path(self.feature_dir)}'
            )
        frames = self.store.get(vid)
        subs = self.subtitles.get(vid, [])
        owner = assign_frames([(s, e) for _, s, e in subs], len(frames), self.frame_duration)
        segments = []
        for j, (text, _, _) in enumerate(subs):
            idx = np.flatnonzero(owner == j).tolist()
            if idx:
                segments.append(dict(frames=idx, tokens=self.encode(text)))
        # Frames no subtitle overlaps: runs of consecutive frames become text-free segments.
        free = np.flatnonzero(owner == -1).tolist()
        run: list[int] = []
        for t in free + [None]:
            if run and (t is None or t != run[-1] + 1):
                segments.append(dict(frames=run, tokens=[]))
                run = []
            if t is not None:
                run.append(t)
        segments.sort(key=lambda s: s['frames'][0])
        return dict(
            vid=vid, frames=torch.from_numpy(np.ascontiguousarray(frames)), segments=segments
        )

    def prepare_data(self, idx: int) -> dict:
        return self.video_item(self.get_data_info(idx)['vid'])


def _pad(seqs: list[list[int]], width: int | None = None, value: int = 0) -> torch.Tensor:
    width = max([len(s) for s in seqs] + [1]) if width is None else width
    out = torch.full((len(seqs), width), value, dtype=torch.long)
    for i, s in enumerate(seqs):
        out[i, : len(s)] = torch.as_tensor(s[:width], dtype=torch.long)
    return out


@FUNCTIONS.register_module()
def hero_collate(batch: list[dict]) -> dict:
    """Pad a list of video items (plus any query / options / targets) into one batch.

    inputs: ``frames`` (B, T, D), ``frame_mask`` (B, T), ``seg_frames`` (N, K) flat frame
    indices into B * T (-1 pad), ``seg_tokens`` / ``seg_token_mask`` (N, L), ``seg_video`` (N,)
    and, when present, ``query_tokens`` / ``query_mask`` (B, Lq), ``option_tokens`` /
    ``option_mask`` (B, O, Lo). data_samples: ``vid``, ``query_id``, ``span`` (B, 2) frames,
    ``answer`` (B,), ``target`` and ``ts``.
    """
    b = len(batch)
    t_max = max(len(x['frames']) for x in batch)
    dim = batch[0]['frames'].shape[1]
    frames = torch.zeros(b, t_max, dim)
    frame_mask = torch.zeros(b, t_max, dtype=torch.bool)
    seg_frames, seg_tokens, seg_video = [], [], []
    for i, x in enumerate(batch):
        n = len(x['frames'])
        frames[i, :n] = x['frames']
        frame_mask[i, :n] = True
        for s in x['segments']:
            seg_frames.append([i * t_max + f for f in s['frames']])
            seg_tokens.append(s['tokens'])
            seg_video.append(i)
    tokens = _pad(seg_tokens)
    inputs = dict(
        frames=frames,
        frame_mask=frame_mask,
        seg_frames=_pad(seg_frames, value=-1),
        seg_tokens=tokens,
        seg_token_mask=_pad([[1] * len(s) for s in seg_tokens], tokens.shape[1]).bool(),
        seg_video=torch.tensor(seg_video),
    )
    samples: dict = dict(vid=[x['vid'] for x in batch])
    if 'query' in batch[0]:
        q = [x['query'] for x in batch]
        inputs['query_tokens'] = _pad(q)
        inputs['query_mask'] = _pad(
            [[1] * len(s) for s in q], inputs['query_tokens'].shape[1]
        ).bool()
    if 'options' in batch[0]:
        opts = [o for x in batch for o in x['options']]
        width = max(len(o) for o in opts)
        n_opt = len(batch[0]['options'])
        inputs['option_tokens'] = _pad(opts, width).view(b, n_opt, width)
        inputs['option_mask'] = (
            _pad([[1] * len(o) for o in opts], width).bool().view(b, n_opt, width)
        )
    for key in ('span', 'answer'):
        if key in batch[0]:
            samples[key] = torch.tensor([x[key] for x in batch])
    for key in ('query_id', 'target', 'ts'):
        if key in batch[0]:
            samples[key] = [x[key] for x in batch]
    return dict(inputs=inputs, data_samples=samples)
