"""ERNIE pre-training samples read from a fairseq indexed dataset (``.bin`` / ``.idx``)."""

import numpy as np
import torch

from mmblog.registry import DATASETS
from mmblog.utils.data_check import DataFormatError

from .indexed_dataset import IndexedDatasetReader


@DATASETS.register_module()
class ErniePretrainDataset(torch.utils.data.Dataset):
    """ERNIE pre-training samples from an indexed dataset with aligned token/entity rows.

    Each item is an int array ``(rows, L)``: row ``token_row`` token ids, ``segment_row``
    segment ids, ``entity_row`` entity ids + 1 (0 = no entity). Returns ``dict(input_ids,
    token_type_ids, input_ents)`` (numpy int64, trailing padding tokens 0 kept).

    Args:
        prefix: Indexed dataset path without extension.
        num_entities: Size of entity2id; an entity id outside it is an error naming the item.
    """

    def __init__(
        self,
        prefix: str,
        num_entities: int,
        token_row: int = 0,
        segment_row: int = 1,
        entity_row: int = 2,
    ):
        self.reader = IndexedDatasetReader(prefix)
        self.num_entities = num_entities
        self.rows = (token_row, segment_row, entity_row)

    def __len__(self) -> int:
        return len(self.reader)

    def __getitem__(self, i: int) -> dict:
        item = self.reader[i]
        if item.ndim != 2 or item.shape[0] <= max(self.rows):
            raise DataFormatError(
                f'{self.reader.path}: item {i}: field shape: expected ({max(self.rows) + 1}+, L) '
                f'aligned rows, got {item.shape}'
            )
        ents = item[self.rows[2]].astype(np.int64)
        bad = np.flatnonzero((ents < 0) | (ents > self.num_entities))
        if len(bad):
            raise DataFormatError(
                f'{self.reader.path}: item {i}: field input_ents: entity id {int(ents[bad[0]]) - 1} '
                f'at token {int(bad[0])} is outside entity2id (0..{self.num_entities - 1})'
            )
        return dict(
            input_ids=item[self.rows[0]].astype(np.int64),
            token_type_ids=item[self.rows[1]].astype(np.int64),
            input_ents=ents,
        )
