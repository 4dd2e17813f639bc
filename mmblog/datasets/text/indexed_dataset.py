"""fairseq's (legacy) indexed dataset: ``PREFIX.idx`` + ``PREFIX.bin``, magic ``TNTIDX``.

ERNIE (THU) stores its pre-training samples this way. ``.idx`` layout (little endian)::

    b'TNTIDX\\x00\\x00'  uint64 version (1)  uint64 dtype code  uint64 element size
    uint64 N  uint64 S  int64 dim_offsets[N + 1]  int64 data_offsets[N + 1]  int64 sizes[S]

Item ``i`` is ``data_offsets[i] .. data_offsets[i + 1]`` elements of ``.bin`` with the shape
``sizes[dim_offsets[i] .. dim_offsets[i + 1]]``. dtype codes: 1 uint8, 2 int8, 3 int16, 4 int32,
5 int64, 6 float64, 7 float64, 8 uint16 (fairseq's table; code 6 is numpy's old ``np.float``).

:class:`ErniePretrainDataset` reads items of shape ``(rows, L)`` whose rows are aligned token
and entity rows (ERNIE's ``input_ids``, ``segment_ids``, ``input_ents`` = entity id + 1 or 0).
"""

import os
import os.path as osp
import struct

import numpy as np

from mmblog.utils.data_check import DataFormatError, require_path

MAGIC = b'TNTIDX\x00\x00'
DTYPES = {
    1: np.uint8,
    2: np.int8,
    3: np.int16,
    4: np.int32,
    5: np.int64,
    6: np.float64,
    7: np.float64,
    8: np.uint16,
}
CODES = {
    np.dtype(np.uint8): 1,
    np.dtype(np.int8): 2,
    np.dtype(np.int16): 3,
    np.dtype(np.int32): 4,
    np.dtype(np.int64): 5,
    np.dtype(np.float64): 7,
    np.dtype(np.uint16): 8,
}


class IndexedDatasetReader:
    """Random access to the items of a fairseq indexed dataset (the ``.bin`` is memory-mapped).

    Args:
        prefix: Path without the ``.idx``/``.bin`` extension.
    """

    def __init__(self, prefix: str, how_to_make: str = 'see configs/ernie/README.md'):
        idx_path = require_path(prefix + '.idx', how_to_make)
        bin_path = require_path(prefix + '.bin', how_to_make)
        with open(idx_path, 'rb') as f:
            head = f.read(8)
            if head != MAGIC:
                raise DataFormatError(
                    f'{idx_path}: field magic: expected {MAGIC!r} (fairseq IndexedDataset), got '
                    f'{head!r}'
                )
            try:
                version, code, self.element_size, n, s = struct.unpack('<QQQQQ', f.read(40))
            except struct.error:
                raise DataFormatError(
                    f'{idx_path}: field header: file ends inside the header'
                ) from None
            if version != 1:
                raise DataFormatError(f'{idx_path}: field version: expected 1, got {version}')
            if code not in DTYPES:
                raise DataFormatError(f'{idx_path}: field dtype: unknown code {code}')
            self.dtype = np.dtype(DTYPES[code])
            arrays = np.frombuffer(f.read(), dtype='<i8')
        if len(arrays) != 2 * (n + 1) + s:
            raise DataFormatError(
                f'{idx_path}: field offsets: header says {n} items and {s} sizes, the file holds '
                f'{len(arrays)} int64 values instead of {2 * (n + 1) + s}'
            )
        self.dim_offsets = arrays[: n + 1]
        self.data_offsets = arrays[n + 1 : 2 * (n + 1)]
        self.sizes = arrays[2 * (n + 1) :]
        expected = int(self.data_offsets[-1]) * self.dtype.itemsize
        actual = os.path.getsize(bin_path)
        if actual != expected:
            raise DataFormatError(
                f'{bin_path}: field data: {actual} bytes, the index describes {expected}'
            )
        self.data = (
            np.memmap(bin_path, dtype=self.dtype, mode='r') if actual else np.zeros(0, self.dtype)
        )
        self.path = prefix

    def __len__(self) -> int:
        return len(self.data_offsets) - 1

    def __getitem__(self, i: int) -> np.ndarray:
        if not 0 <= i < len(self):
            raise IndexError(f'{self.path}: item {i} outside 0..{len(self) - 1}')
        shape = tuple(int(x) for x in self.sizes[self.dim_offsets[i] : self.dim_offsets[i + 1]])
        return np.asarray(self.data[self.data_offsets[i] : self.data_offsets[i + 1]]).reshape(shape)


def write_indexed_dataset(prefix: str, items: list[np.ndarray]) -> None:
    """Write ``items`` (one dtype) as ``prefix.idx``/``prefix.bin`` in fairseq's layout."""
    dtype = np.dtype(items[0].dtype) if items else np.dtype(np.int64)
    if dtype not in CODES:
        raise ValueError(f'dtype {dtype} has no fairseq code')
    dim_offsets, data_offsets, sizes = [0], [0], []
    os.makedirs(osp.dirname(osp.abspath(prefix)), exist_ok=True)
    with open(prefix + '.bin', 'wb') as f:
        for item in items:
            item = np.ascontiguousarray(item, dtype=dtype)
            f.write(item.tobytes())
            sizes.extend(item.shape)
            dim_offsets.append(len(sizes))
            data_offsets.append(data_offsets[-1] + item.size)
    with open(prefix + '.idx', 'wb') as f:
        f.write(MAGIC)
        f.write(struct.pack('<QQQQQ', 1, CODES[dtype], dtype.itemsize, len(items), len(sizes)))
        for arr in (dim_offsets, data_offsets, sizes):
            f.write(np.asarray(arr, dtype='<i8').tobytes())
