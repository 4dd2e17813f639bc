"""Discrete code maps written by ``tools/vqvae/extract_codes.py`` (an ``.npz`` file)."""

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

    MAKE_HINT = 'python tools/vqvae/extract_codes.py VQ_CONFIG VQ_CKPT --out {}'

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

    def load_data_list(self) -> list[dict]:
        require_path(self.codes_file, self.MAKE_HINT.format(self.codes_file))
        with np.load(self.codes_file) as archive:
            codes = self._array(archive, f'{self.split}_{self.code_key}')
            cond = self._array(archive, f'{self.split}_{self.cond_key}') if self.cond_key else None
            labels = archive.get(f'{self.split}_labels')
            self._metainfo['num_codes'] = int(self._array(archive, f'num_codes_{self.code_key}'))
        return [
            dict(
                codes=codes[i],
                cond=None if cond is None else cond[i],
                gt_label=None if labels is None else int(labels[i]),
            )
            for i in range(len(codes))
        ]
