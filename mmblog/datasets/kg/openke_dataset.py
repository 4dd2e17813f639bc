"""OpenKE benchmark folders (thunlp/OpenKE ``benchmarks/FB15K237`` and the like)."""

import os.path as osp

from mmblog.registry import DATASETS

from .base_triple_dataset import BaseTripleDataset
from .triple_io import read_openke_id_map, read_openke_triples


@DATASETS.register_module()
class OpenKEDataset(BaseTripleDataset):
    """A knowledge graph in OpenKE's layout.

    ``data_root`` holds ``entity2id.txt``, ``relation2id.txt`` (count line, then ``name<TAB>id``)
    and ``train2id.txt``/``valid2id.txt``/``test2id.txt`` (count line, then ``head tail
    relation``). All three splits are read, because filtered ranking removes every known triple.
    See :class:`BaseTripleDataset` for the other arguments.
    """

    how_to_make = (
        'python tools/misc/make_demo_data.py --only kg_triples (demo), or copy an OpenKE '
        'benchmark folder (e.g. OpenKE/benchmarks/FB15K237)'
    )

    def load(self) -> None:
        entity2id = read_openke_id_map(osp.join(self.data_root, 'entity2id.txt'), self.how_to_make)
        relation2id = read_openke_id_map(
            osp.join(self.data_root, 'relation2id.txt'), self.how_to_make
        )
        self.entity_names = sorted(entity2id, key=entity2id.get)
        self.relation_names = sorted(relation2id, key=relation2id.get)
        for split in ('train', 'valid', 'test'):
            self.splits[split] = read_openke_triples(
                osp.join(self.data_root, f'{split}2id.txt'),
                len(entity2id),
                len(relation2id),
                self.how_to_make,
            )
