"""Region features in ViLBERT's LMDB layout (written by ``tools/misc/extract_region_features.py``).

One LMDB environment; key ``b'keys'`` holds the pickled list of image-id keys (bytes), and each
image-id key holds a pickled dict ``{image_id, image_h, image_w, num_boxes, boxes, features,
cls_prob}`` whose arrays are base64-encoded float32 buffers: ``boxes`` (num_boxes, 4) xyxy in
pixels, ``features`` (num_boxes, D) and ``cls_prob`` (num_boxes, C + 1) the detector's class
distribution (background last). ViLBERT's ``ImageFeaturesH5Reader`` reads the same records.

Records are unpickled with an allow-list (plain containers, strings, numbers), so opening a
feature file never executes code from it.
"""

import base64
import io
import os.path as osp
import pickle

import numpy as np

from mmblog.utils import require_path
from mmblog.utils.data_check import DataFormatError

MAKE_COMMAND = (
    'python tools/misc/extract_region_features.py CONFIG CHECKPOINT IMG_DIR --out FEATS.lmdb'
)


_READ_ENVS: dict = {}


class RegionFeatureFormatError(DataFormatError):
    """A region-feature LMDB record is malformed (file, record and field named)."""


class _PlainUnpickler(pickle.Unpickler):
    def __init__(self, raw: bytes, where: str):
        super().__init__(io.BytesIO(raw))
        self.where = where

    def find_class(self, module, name):
        raise RegionFeatureFormatError(
            f'{self.where}: refuses to load global {module}.{name} (records hold only dicts, '
            'lists, strings, bytes and numbers)'
        )


def _b64(arr: np.ndarray) -> bytes:
    return base64.b64encode(np.ascontiguousarray(arr, dtype=np.float32).tobytes())


def encode_record(
    image_id, height: int, width: int, boxes: np.ndarray, features: np.ndarray, cls_prob
) -> bytes:
    """The pickled ViLBERT record of one image."""
    record = dict(
        image_id=str(image_id),
        image_h=int(height),
        image_w=int(width),
        num_boxes=int(len(boxes)),
        boxes=_b64(boxes),
        features=_b64(features),
        cls_prob=_b64(cls_prob),
    )
    return pickle.dumps(record, protocol=4)


class RegionFeatureLMDB:
    """Read (and, with ``write=True``, append to) a ViLBERT-layout region-feature LMDB.

    Args:
        path: The LMDB directory.
        write: Open for writing (creates it); records already present are kept (resumable).
        map_size: Largest size the database may grow to (bytes).

    Examples:
        >>> db = RegionFeatureLMDB('data/demo/ernie_vil_scenes/feats_val.lmdb')  # doctest: +SKIP
        >>> db.get('1')['features'].shape  # doctest: +SKIP
        (3, 256)
    """

    def __init__(self, path: str, write: bool = False, map_size: int = 1 << 34):
        import lmdb

        self.path = path
        if not write:
            require_path(path, MAKE_COMMAND)
        key = osp.realpath(path)
        if not write and key in _READ_ENVS:
            # py-lmdb allows one handle per environment and process: datasets share it
            self.env = _READ_ENVS[key]
        else:
            self.env = lmdb.open(
                path,
                readonly=not write,
                lock=write,
                readahead=False,
                map_size=map_size,
                subdir=True,
                max_readers=64,
            )
            if not write:
                _READ_ENVS[key] = self.env
        self.write = write
        with self.env.begin() as txn:
            raw = txn.get(b'keys')
        self._keys = [] if raw is None else self._load(raw, 'keys')
        if not isinstance(self._keys, list) or not all(isinstance(k, bytes) for k in self._keys):
            raise RegionFeatureFormatError(f'{path}: record keys: expected a list of bytes ids')
        self._key_set = set(self._keys)

    def _load(self, raw: bytes, key: str):
        try:
            return _PlainUnpickler(raw, f'{self.path}: record {key}').load()
        except RegionFeatureFormatError:
            raise
        except Exception as e:  # a truncated or foreign value
            raise RegionFeatureFormatError(f'{self.path}: record {key}: not a pickle ({e})') from e

    def keys(self) -> list[str]:
        return [k.decode() for k in self._keys]

    def __contains__(self, image_id) -> bool:
        return str(image_id).encode() in self._key_set

    def __len__(self) -> int:
        return len(self._keys)

    def put_many(self, records: list[tuple]) -> None:
        """Write ``[(image_id, height, width, boxes, features, cls_prob), ...]`` in one commit.

        The key list is rewritten in the same transaction, so an interrupted run leaves a
        database whose listed records are complete (the extractor resumes from it).
        """
        with self.env.begin(write=True) as txn:
            for rec in records:
                key = str(rec[0]).encode()
                txn.put(key, encode_record(*rec))
                if key not in self._key_set:
                    self._keys.append(key)
                    self._key_set.add(key)
            txn.put(b'keys', pickle.dumps(self._keys, protocol=4))

    def get(self, image_id) -> dict:
        """``{image_h, image_w, num_boxes, boxes, features, cls_prob}`` with numpy arrays."""
        key = str(image_id)
        with self.env.begin() as txn:
            raw = txn.get(key.encode())
        if raw is None:
            raise RegionFeatureFormatError(f'{self.path}: record {key}: no such image id')
        item = self._load(raw, key)
        if not isinstance(item, dict):
            raise RegionFeatureFormatError(f'{self.path}: record {key}: expected a dict')
        out = {}
        for field in ('image_h', 'image_w', 'num_boxes'):
            if not isinstance(item.get(field), int):
                raise RegionFeatureFormatError(f'{self.path}: record {key}: {field}: not an int')
            out[field] = item[field]
        n = out['num_boxes']
        for field in ('boxes', 'features', 'cls_prob'):
            try:
                flat = np.frombuffer(base64.b64decode(item[field]), dtype=np.float32)
            except (KeyError, TypeError, ValueError) as e:
                raise RegionFeatureFormatError(
                    f'{self.path}: record {key}: {field}: missing or not base64 ({e})'
                ) from e
            if n == 0 or flat.size % n:
                raise RegionFeatureFormatError(
                    f'{self.path}: record {key}: {field}: {flat.size} floats for {n} boxes'
                )
            out[field] = flat.reshape(n, -1)
        if out['boxes'].shape[1] != 4:
            raise RegionFeatureFormatError(f'{self.path}: record {key}: boxes: not 4 per box')
        return out

    def close(self) -> None:
        """Close a writer (read handles stay open for the other readers of the process)."""
        if self.write:
            self.env.close()


def default_feature_path(data_root: str, split: str, source: str) -> str:
    """``<data_root>/feats_<source>_<split>.lmdb`` (source ``gt`` or ``det``)."""
    return osp.join(data_root, f'feats_{source}_{split}.lmdb')
