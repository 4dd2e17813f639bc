"""Discrete code maps written by ``tools/misc/extract_vq_codes.py`` (an ``.npz`` file)."""

import zipfile

import numpy as np
from mmengine.dataset import BaseDataset

from mmblog.registry import DATASETS
from mmblog.utils import require_path


@DATASETS.register_module()
class VQCodesDataset(BaseDataset):
    """Code maps of one split for training a prior.

    The file holds ``{split}_{level}`` arrays (N, H, W) for every level of the VQ model
    (``codes`` for VQ-VAE, ``top``/``bottom`` for VQ-VAE-2), ``{split}_labels`` when the images
    had classes, and ``num_codes_{level}`` (K).

    Args:
        codes_file: The ``.npz`` file.
        split: Which split's codes (``'train'`` or ``'val'``).
        code_key: Level to model (``'codes'``, ``'top'`` or ``'bottom'``).
        cond_key: Level to condition on (``'top'`` for the VQ-VAE-2 bottom prior), or None.
        pipeline: Defaults to ``[PackCodeInputs]``.
    """

    MAKE_HINT = 'python tools/misc/extract_vq_codes.py VQ_CONFIG VQ_CKPT --out {}'

    def __init__(
        self,
        codes_file: str,
        split: str = 'train',
        code_key: str = 'codes',
        cond_key: str | None = None,
        pipeline=None,
        **kwargs,
    ):
        self.codes_file, self.split = codes_file, split
        self.code_key, self.cond_key = code_key, cond_key
        pipeline = pipeline if pipeline is not None else [dict(type='PackCodeInputs')]
        super().__init__(ann_file=codes_file, pipeline=pipeline, **kwargs)

    def _array(self, archive, key: str) -> np.ndarray:
        if key not in archive:
            raise KeyError(f'{self.codes_file}: no array {key!r} (has {sorted(archive.files)})')
        return archive[key]

    def _check(self, codes, cond, labels, num_codes) -> None:
        """Shapes, types and ranges; errors name the file and the array (field)."""
        f, key = self.codes_file, f'{self.split}_{self.code_key}'
        if np.ndim(num_codes) != 0 or not np.issubdtype(np.asarray(num_codes).dtype, np.integer):
            raise ValueError(f'{f}: array "num_codes_{self.code_key}" must be one integer (K)')
        if codes.ndim != 3 or not np.issubdtype(codes.dtype, np.integer):
            raise ValueError(
                f'{f}: array "{key}" must be integer code maps (N, H, W), got {codes.dtype} '
                f'{codes.shape}'
            )
        if not len(codes):
            raise ValueError(f'{f}: array "{key}" holds no records (empty {self.split} split)')
        bad = np.flatnonzero((codes < 0).any((1, 2)) | (codes >= num_codes).any((1, 2)))
        if bad.size:
            raise ValueError(
                f'{f}: record {bad[0]} of array "{key}" has codes outside [0, {int(num_codes)})'
            )
        for name, other in (
            (f'{self.split}_{self.cond_key}', cond),
            (f'{self.split}_labels', labels),
        ):
            if other is not None and len(other) != len(codes):
                raise ValueError(
                    f'{f}: array "{name}" has {len(other)} records but "{key}" has {len(codes)}'
                )

    def load_data_list(self) -> list[dict]:
        require_path(self.codes_file, self.MAKE_HINT.format(self.codes_file))
        try:
            archive = np.load(self.codes_file, allow_pickle=False)
        except (ValueError, OSError, EOFError, zipfile.BadZipFile) as exc:
            raise ValueError(
                f'{self.codes_file}: not a code file written by extract_vq_codes.py (an .npz of '
                f'plain arrays): {exc}'
            ) from exc
        if not isinstance(archive, np.lib.npyio.NpzFile):
            raise ValueError(f'{self.codes_file}: expected an .npz archive, got a single array')
        try:
            with archive:
                codes = self._array(archive, f'{self.split}_{self.code_key}')
                cond = (
                    self._array(archive, f'{self.split}_{self.cond_key}') if self.cond_key else None
                )
                labels = archive.get(f'{self.split}_labels')
                num_codes = self._array(archive, f'num_codes_{self.code_key}')
        except (ValueError, OSError, EOFError, zipfile.BadZipFile) as exc:
            raise ValueError(f'{self.codes_file}: an array cannot be read ({exc})') from exc
        self._check(codes, cond, labels, num_codes)
        self._metainfo['num_codes'] = int(num_codes)
        return [
            dict(
                codes=codes[i],
                cond=None if cond is None else cond[i],
                gt_label=None if labels is None else int(labels[i]),
            )
            for i in range(len(codes))
        ]
