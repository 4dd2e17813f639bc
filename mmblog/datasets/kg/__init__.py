from .base_triple_dataset import BaseTripleDataset, bernoulli_head_prob, triple_collate
from .openke_dataset import OpenKEDataset
from .triple_io import (
    TripleFormatError,
    read_openke_id_map,
    read_openke_triples,
    read_tsv_triples,
    write_openke_benchmark,
)
from .tsv_triple_dataset import TSVTripleDataset

__all__ = [
    'BaseTripleDataset',
    'OpenKEDataset',
    'TSVTripleDataset',
    'TripleFormatError',
    'bernoulli_head_prob',
    'read_openke_id_map',
    'read_openke_triples',
    'read_tsv_triples',
    'triple_collate',
    'write_openke_benchmark',
]
