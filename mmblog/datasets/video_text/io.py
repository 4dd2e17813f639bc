"""Readers (and demo writers) for the public video-language formats: word2vec binaries, the
HowTo100M caption pickle, per-video feature files and jsonl annotations.

Every reader refuses bad input with one :class:`VideoTextFormatError` line that names the file,
the record and the field, and never executes code from a file.
"""

import io
import json
import os.path as osp
import pickle
import re
from collections.abc import Iterator

import numpy as np

from mmblog.utils import require_path
from mmblog.utils.data_check import DataFormatError


class VideoTextFormatError(DataFormatError):
    """A video-language annotation or feature file is malformed (file, record and field named)."""


# ---------------------------------------------------------------- word2vec (GoogleNews binary)
def read_word2vec_bin(path: str, limit: int | None = None) -> tuple[list[str], np.ndarray]:
    """Read the binary word2vec format (``GoogleNews-vectors-negative300.bin``).

    The header line is ``"<count> <dim>\\n"``; each record is the word's utf-8 bytes, one space,
    then ``dim`` little-endian float32 values (writers may put a newline before the next word).

    Returns:
        (words, vectors (count, dim) float32).
    """
    require_path(path, 'tools/misc/make_demo_data.py --only howto100m (or a local word2vec .bin)')
    with open(path, 'rb') as f:
        header = f.readline().split()
        if len(header) != 2 or not all(h.isdigit() for h in header):
            raise VideoTextFormatError(f'{path}: header: expected "<count> <dim>", got {header!r}')
        count, dim = int(header[0]), int(header[1])
        if limit is not None:
            count = min(count, limit)
        words, vectors = [], np.empty((count, dim), np.float32)
        for i in range(count):
            chars = bytearray()
            while True:
                ch = f.read(1)
                if not ch:
                    raise VideoTextFormatError(f'{path}: record {i}: word: file ends early')
                if ch == b' ':
                    break
                if ch != b'\n':  # the newline some writers put after each vector
                    chars += ch
            raw = f.read(4 * dim)
            if len(raw) != 4 * dim:
                raise VideoTextFormatError(
                    f'{path}: record {i} ({chars.decode(errors="replace")}): vector: '
                    f'{len(raw) // 4} of {dim} floats'
                )
            words.append(chars.decode('utf-8', errors='replace'))
            vectors[i] = np.frombuffer(raw, '<f4')
    return words, vectors


def write_word2vec_bin(path: str, words: list[str], vectors: np.ndarray) -> None:
    """Write ``words`` and ``vectors`` in the binary word2vec format (one newline per record)."""
    vectors = np.asarray(vectors, '<f4')
    with open(path, 'wb') as f:
        f.write(f'{len(words)} {vectors.shape[1]}\n'.encode())
        for word, vec in zip(words, vectors):
            f.write(word.encode() + b' ' + vec.tobytes() + b'\n')


# ------------------------------------------------------------------ HowTo100M caption.pickle
# The only globals a caption pickle may name: numpy arrays of numbers or strings.
_ALLOWED_GLOBALS = {
    ('numpy.core.multiarray', '_reconstruct'),
    ('numpy._core.multiarray', '_reconstruct'),
    ('numpy.core.multiarray', 'scalar'),
    ('numpy._core.multiarray', 'scalar'),
    ('numpy', 'ndarray'),
    ('numpy', 'dtype'),
    ('builtins', 'float'),
    ('builtins', 'int'),
}


class _RestrictedUnpickler(pickle.Unpickler):
    def __init__(self, file, path: str):
        super().__init__(file)
        self.path = path

    def find_class(self, module, name):
        if (module, name) in _ALLOWED_GLOBALS:
            return super().find_class(module, name)
        raise VideoTextFormatError(
            f'{self.path}: refuses to load global {module}.{name} (a caption pickle holds only '
            'dicts, lists, strings, numbers and numpy arrays)'
        )


def load_caption_pickle(path: str) -> dict[str, dict[str, list]]:
    """Load HowTo100M's ``caption.pickle``: ``{video_id: {start: [...], end: [...], text: [...]}}``.

    Unpickles with an allow-list (plain containers and numpy arrays only) and checks every
    record: the three lists have one entry per caption and ``end >= start``.
    """
    require_path(path, 'tools/misc/make_demo_data.py --only howto100m')
    with open(path, 'rb') as f:
        try:
            data = _RestrictedUnpickler(io.BytesIO(f.read()), path).load()
        except VideoTextFormatError:
            raise
        except Exception as exc:
            raise VideoTextFormatError(f'{path}: not a readable pickle ({exc})') from exc
    if not isinstance(data, dict):
        raise VideoTextFormatError(f'{path}: top level must be a dict, got {type(data).__name__}')
    out = {}
    for vid, rec in data.items():
        if not isinstance(rec, dict):
            raise VideoTextFormatError(f'{path}: record {vid}: must be a dict with start/end/text')
        fields = {}
        for key in ('start', 'end', 'text'):
            if key not in rec:
                raise VideoTextFormatError(f'{path}: record {vid}: field {key!r} missing')
            fields[key] = list(np.asarray(rec[key]).tolist())
        lengths = {k: len(v) for k, v in fields.items()}
        if len(set(lengths.values())) != 1:
            raise VideoTextFormatError(
                f'{path}: record {vid}: start/end/text lengths differ {lengths}'
            )
        for j, (s, e) in enumerate(zip(fields['start'], fields['end'])):
            if not e >= s:
                raise VideoTextFormatError(
                    f'{path}: record {vid}: caption {j}: end {e} < start {s}'
                )
        fields['text'] = [str(t) for t in fields['text']]
        out[str(vid)] = fields
    return out


# ------------------------------------------------------------------------ per-video features
def load_npy_features(path: str, video_id: str, dim: int | None = None) -> np.ndarray:
    """Load one HowTo100M ``.npy`` feature file (T, D) without pickles."""
    if not osp.isfile(path):
        raise VideoTextFormatError(f'{path}: video {video_id}: no features (file missing)')
    try:
        feats = np.load(path, allow_pickle=False)
    except Exception as exc:
        raise VideoTextFormatError(f'{path}: video {video_id}: unreadable .npy ({exc})') from exc
    if feats.ndim != 2 or (dim is not None and feats.shape[1] != dim) or len(feats) == 0:
        raise VideoTextFormatError(
            f'{path}: video {video_id}: features must be (T>0, {dim or "D"}), got {feats.shape}'
        )
    return feats.astype(np.float32, copy=False)


def load_npz_features(path: str, video_id: str, key: str = 'features') -> np.ndarray:
    """Load one HERO-style ``.npz`` (key ``features``, shape (T, D)) without pickles."""
    if not osp.isfile(path):
        raise VideoTextFormatError(f'{path}: video {video_id}: no features (file missing)')
    try:
        with np.load(path, allow_pickle=False) as npz:
            if key not in npz.files:
                raise VideoTextFormatError(
                    f'{path}: video {video_id}: field {key!r} missing (keys {npz.files})'
                )
            feats = npz[key]
    except VideoTextFormatError:
        raise
    except Exception as exc:
        raise VideoTextFormatError(f'{path}: video {video_id}: unreadable .npz ({exc})') from exc
    if feats.ndim != 2 or len(feats) == 0:
        raise VideoTextFormatError(
            f'{path}: video {video_id}: field {key!r} must be (T>0, D), got {feats.shape}'
        )
    return feats.astype(np.float32, copy=False)


# ---------------------------------------------------------------------------------- jsonl
def iter_jsonl(path: str, how_to_make: str) -> Iterator[tuple[int, dict]]:
    """Yield ``(line_number, record)`` for each non-empty line of a jsonl file."""
    require_path(path, how_to_make)
    with open(path, encoding='utf-8') as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise VideoTextFormatError(
                    f'{path}: line {lineno}: malformed json ({exc})'
                ) from exc
            if not isinstance(rec, dict):
                raise VideoTextFormatError(f'{path}: line {lineno}: must be a json object')
            yield lineno, rec


def require_fields(path: str, lineno: int, rec: dict, fields: tuple[str, ...]) -> None:
    """Raise one line naming the first of ``fields`` missing from a jsonl record."""
    for field in fields:
        if field not in rec:
            rid = rec.get('desc_id', rec.get('qid', rec.get('vid_name', '?')))
            raise VideoTextFormatError(f'{path}: line {lineno} (id {rid}): field {field!r} missing')


def load_json(path: str, how_to_make: str):
    """Read a json file (``id2nframe.json``, ``tvr_video2dur_idx.json``) with a one-line error."""
    require_path(path, how_to_make)
    try:
        with open(path, encoding='utf-8') as f:
            return json.load(f)
    except json.JSONDecodeError as exc:
        raise VideoTextFormatError(f'{path}: malformed json ({exc})') from exc


# ----------------------------------------------------------------------------- text helpers
# A short English stop-word list: HowTo100M drops stop words before the word2vec lookup.
STOP_WORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers him his how i if in into is it its itself just
    me more most my no nor not now of off on once only or other our out over own same she should
    so some such than that the their them then there these they this those through to too under
    until up very was we were what when where which while who whom why will with you your yours
    yourself um uh okay gonna going get got so let's it's that's i'm you're we're""".split()
)

_WORD_RE = re.compile(r"[\w']+")


def tokenize_words(sentence: str, stop_words: frozenset = STOP_WORDS) -> list[str]:
    """Split a caption into words (``[\\w']+``) and drop stop words (case-insensitive)."""
    return [w for w in _WORD_RE.findall(str(sentence)) if w.lower() not in stop_words]
