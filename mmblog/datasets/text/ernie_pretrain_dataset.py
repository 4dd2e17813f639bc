"""ERNIE pre-training samples read from a fairseq indexed dataset (``.bin`` / ``.idx``)."""

import os

import numpy as np
import torch

from mmblog.registry import DATASETS, TRANSFORMS
from mmblog.utils.data_check import DataFormatError

from .indexed_dataset import IndexedDatasetReader


@DATASETS.register_module()
class ErniePretrainDataset(torch.utils.data.Dataset):
    """ERNIE pre-training samples from an indexed dataset with aligned token/entity rows.

    Each item is an int array ``(rows, L)``: row ``token_row`` token ids, ``segment_row``
    segment ids, ``entity_row`` entity ids + 1 (0 = no entity) and, with ``label_row``, a row
    whose first element is the next-sentence label (0 = B follows A, 1 = B is random). Returns
    ``dict(input_ids, token_type_ids, input_ents[, gt_label], special_tokens_mask, sample_idx)``
    (numpy int64, trailing padding tokens 0 kept) passed through ``pipeline`` (e.g.
    ``MaskTokens`` -> ``DenoiseEntities`` -> ``PackTextInputs`` for MLM + NSP + dEA).

    Args:
        prefix: Indexed dataset path without extension (relative to ``data_root`` if given).
        data_root: Folder the prefix is relative to.
        num_entities: Size of entity2id; an entity id outside it is an error naming the item.
        label_row: Row of the next-sentence label (None: no label).
        special_token_ids: Ids that ``MaskTokens`` must not mask ([CLS], [SEP], ...).
        pipeline: Transforms applied to each item.
    """

    def __init__(
        self,
        prefix: str,
        num_entities: int,
        token_row: int = 0,
        segment_row: int = 1,
        entity_row: int = 2,
        label_row: int | None = None,
        special_token_ids: tuple[int, ...] = (),
        pipeline: list | None = None,
        data_root: str = '',
    ):
        from mmengine.dataset import Compose

        prefix = os.path.join(data_root, prefix) if data_root else prefix
        self.reader = IndexedDatasetReader(prefix)
        self.num_entities = num_entities
        self.rows = (token_row, segment_row, entity_row)
        self.label_row = label_row
        self.special_token_ids = np.asarray(special_token_ids, dtype=np.int64)
        # Built from mmblog's registry so the dataset works outside a runner's default scope.
        self.pipeline = Compose(
            [TRANSFORMS.build(t) if isinstance(t, dict) else t for t in pipeline or []]
        )
        # mmengine's runner and visualizer read a dataset's metainfo.
        self.metainfo = dict(prefix=prefix)

    def __len__(self) -> int:
        return len(self.reader)

    def __getitem__(self, i: int) -> dict:
        item = self.reader[i]
        rows = max(self.rows + ((self.label_row,) if self.label_row is not None else ()))
        if item.ndim != 2 or item.shape[0] <= rows:
            raise DataFormatError(
                f'{self.reader.path}: item {i}: field shape: expected ({rows + 1}+, L) '
                f'aligned rows, got {item.shape}'
            )
        ents = item[self.rows[2]].astype(np.int64)
        bad = np.flatnonzero((ents < 0) | (ents > self.num_entities))
        if len(bad):
            raise DataFormatError(
                f'{self.reader.path}: item {i}: field input_ents: entity id {int(ents[bad[0]]) - 1} '
                f'at token {int(bad[0])} is outside entity2id (0..{self.num_entities - 1})'
            )
        ids = item[self.rows[0]].astype(np.int64)
        out = dict(
            input_ids=ids,
            token_type_ids=item[self.rows[1]].astype(np.int64),
            input_ents=ents,
            special_tokens_mask=np.isin(ids, self.special_token_ids).astype(np.int64),
            sample_idx=i,
        )
        if self.label_row is not None:
            label = int(item[self.label_row][0])
            if label not in (0, 1):
                raise DataFormatError(
                    f'{self.reader.path}: item {i}: field next_sentence_label: {label} is not 0/1'
                )
            out['gt_label'] = label
        return self.pipeline(out)
