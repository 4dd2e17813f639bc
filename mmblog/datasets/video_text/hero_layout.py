"""HERO's data layout: per-video ``.npz`` features (or an LMDB of them with ``id2nframe.json``),
subtitle jsonl, TVR and TVQA jsonl; and the frame-to-subtitle assignment by temporal IoU."""

import io
import os.path as osp

import numpy as np

from mmblog.structures.temporal import temporal_iou

from .io import VideoTextFormatError, iter_jsonl, load_json, load_npz_features, require_fields

MAKE_TV = 'python tools/misc/make_demo_data.py --only tv'


class VideoFeatureStore:
    """Frame features by video name: ``<feature_dir>/<vid>.npz`` (key ``features``) or, with
    ``lmdb_dir``, an LMDB whose value under ``vid`` is that ``.npz``'s bytes.

    Args:
        feature_dir: Folder of ``.npz`` files or of the LMDB.
        id2nframe: Optional ``id2nframe.json`` (``{vid: frames}``); when given, it lists the
            videos that have features.
        max_frames: Keep at most this many frames (HERO: 100).
        use_lmdb: Read ``feature_dir`` as an LMDB.
        cache: Keep loaded arrays in memory.
    """

    def __init__(
        self,
        feature_dir: str,
        id2nframe: str | None = None,
        max_frames: int = 100,
        use_lmdb: bool = False,
        cache: bool = True,
    ) -> None:
        self.feature_dir = feature_dir
        self.max_frames = max_frames
        self.cache = cache
        self._arrays: dict[str, np.ndarray] = {}
        self.id2nframe = load_json(id2nframe, MAKE_TV) if id2nframe else None
        self._env = None
        if use_lmdb:
            import lmdb

            if not osp.isdir(feature_dir):
                raise FileNotFoundError(
                    f'data not found: {feature_dir} -- create it with: {MAKE_TV}'
                )
            self._env = lmdb.open(feature_dir, readonly=True, lock=False, readahead=False)

    def has(self, vid: str) -> bool:
        if self.id2nframe is not None:
            return vid in self.id2nframe
        if self._env is not None:
            with self._env.begin() as txn:
                return txn.get(vid.encode()) is not None
        return osp.isfile(osp.join(self.feature_dir, f'{vid}.npz'))

    def get(self, vid: str) -> np.ndarray:
        """(T <= max_frames, D) float32 features of ``vid``."""
        if vid in self._arrays:
            return self._arrays[vid]
        if self._env is not None:
            with self._env.begin() as txn:
                raw = txn.get(vid.encode())
            where = f'{self.feature_dir}[{vid}]'
            if raw is None:
                raise VideoTextFormatError(f'{where}: video {vid}: no features (key missing)')
            with np.load(io.BytesIO(raw), allow_pickle=False) as npz:
                if 'features' not in npz.files:
                    raise VideoTextFormatError(f"{where}: video {vid}: field 'features' missing")
                feats = npz['features'].astype(np.float32)
        else:
            feats = load_npz_features(osp.join(self.feature_dir, f'{vid}.npz'), vid)
        feats = feats[: self.max_frames]
        if self.cache:
            self._arrays[vid] = feats
        return feats


def load_subtitles(path: str) -> dict[str, list[tuple[str, float, float]]]:
    """``{"vid_name": ..., "sub": [{"text", "start", "end"}]}`` lines -> ``{vid: [(text, s, e)]}``
    sorted by start; one line names the file, line, video and field of a bad entry."""
    subs = {}
    for lineno, rec in iter_jsonl(path, MAKE_TV):
        require_fields(path, lineno, rec, ('vid_name', 'sub'))
        vid, items = rec['vid_name'], []
        for j, s in enumerate(rec['sub']):
            for field in ('text', 'start', 'end'):
                if field not in s:
                    raise VideoTextFormatError(
                        f'{path}: line {lineno} (video {vid}): sub {j}: field {field!r} missing'
                    )
            start, end = float(s['start']), float(s['end'])
            if end < start:
                raise VideoTextFormatError(
                    f'{path}: line {lineno} (video {vid}): sub {j}: end {end} < start {start}'
                )
            items.append((str(s['text']), start, end))
        subs[vid] = sorted(items, key=lambda x: x[1])
    return subs


def _check_ts(path, lineno, rec, rid):
    ts = rec['ts']
    if not (isinstance(ts, list | tuple) and len(ts) == 2):
        raise VideoTextFormatError(
            f"{path}: line {lineno} (id {rid}): field 'ts' must be [start, end], got {ts!r}"
        )
    if float(ts[1]) < float(ts[0]):
        raise VideoTextFormatError(
            f"{path}: line {lineno} (id {rid}): field 'ts': end {ts[1]} < start {ts[0]}"
        )


def load_tvr(path: str) -> list[dict]:
    """TVR jsonl: ``desc_id, desc, vid_name, duration, ts [start, end], type`` per line."""
    out = []
    for lineno, rec in iter_jsonl(path, MAKE_TV):
        require_fields(path, lineno, rec, ('desc_id', 'desc', 'vid_name', 'duration', 'ts'))
        _check_ts(path, lineno, rec, rec['desc_id'])
        out.append(dict(rec, ts=[float(rec['ts'][0]), float(rec['ts'][1])]))
    return out


def load_tvqa(path: str, num_options: int = 5) -> list[dict]:
    """TVQA jsonl: ``q, a0..a{n-1}, answer_idx, ts, vid_name`` (``qid`` optional) per line."""
    out = []
    fields = ('q', *[f'a{i}' for i in range(num_options)], 'answer_idx', 'ts', 'vid_name')
    for lineno, rec in iter_jsonl(path, MAKE_TV):
        require_fields(path, lineno, rec, fields)
        rid = rec.get('qid', lineno)
        _check_ts(path, lineno, rec, rid)
        if not 0 <= int(rec['answer_idx']) < num_options:
            raise VideoTextFormatError(
                f"{path}: line {lineno} (id {rid}): field 'answer_idx' "
                f'{rec["answer_idx"]} not in 0..{num_options - 1}'
            )
        out.append(rec)
    return out


def assign_frames(
    spans: list[tuple[float, float]], num_frames: int, frame_duration: float
) -> np.ndarray:
    """Index of the subtitle each frame belongs to (highest temporal IoU), -1 for none.

    Frame ``t`` covers ``[t * frame_duration, (t + 1) * frame_duration]``; ties go to the
    earlier subtitle.
    """
    if not spans:
        return np.full(num_frames, -1)
    frames = np.stack([np.arange(num_frames), np.arange(1, num_frames + 1)], 1) * frame_duration
    iou = temporal_iou(frames, spans)
    best = iou.argmax(1)
    return np.where(iou.max(1) > 0, best, -1)


def time_to_frames(
    start: float, end: float, frame_duration: float, num_frames: int
) -> tuple[int, int]:
    """The first and last frame (inclusive) that overlap ``[start, end]``."""
    st = min(int(start // frame_duration), num_frames - 1)
    ed = min(max(int(np.ceil(end / frame_duration)) - 1, st), num_frames - 1)
    return st, ed
