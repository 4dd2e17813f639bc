"""Plain ``head<TAB>relation<TAB>tail`` triple files with names (FB15k-237 / WN18RR releases)."""

import os.path as osp

from mmblog.registry import DATASETS

from .base_triple_dataset import BaseTripleDataset
from .triple_io import read_tsv_triples


@DATASETS.register_module()
class TSVTripleDataset(BaseTripleDataset):
    """``train.txt``/``valid.txt``/``test.txt`` of ``head relation tail`` names, tab-separated.

    Ids are given in order of first appearance in ``train.txt``; a name in ``valid.txt`` or
    ``test.txt`` that the training file never mentions is an error naming the file and line.
    See :class:`BaseTripleDataset` for the other arguments.
    """

    how_to_make = 'put train.txt, valid.txt and test.txt (head<TAB>relation<TAB>tail) there'

    def load(self) -> None:
        entity2id: dict[str, int] = {}
        relation2id: dict[str, int] = {}
        for split in ('train', 'valid', 'test'):
            self.splits[split] = read_tsv_triples(
                osp.join(self.data_root, f'{split}.txt'),
                entity2id,
                relation2id,
                grow=split == 'train',
                how_to_make=self.how_to_make,
            )
        self.entity_names = list(entity2id)
        self.relation_names = list(relation2id)
