from .ernie2_task_dataset import Ernie2TaskDataset
from .ernie_pretrain_dataset import ErniePretrainDataset
from .indexed_dataset import IndexedDatasetReader, write_indexed_dataset
from .open_entity_dataset import OpenEntityDataset
from .relation_json_datasets import FewRelDataset, TACREDDataset
from .text_corpus_dataset import TextCorpusDataset

__all__ = [
    'Ernie2TaskDataset',
    'ErniePretrainDataset',
    'IndexedDatasetReader',
    'write_indexed_dataset',
    'FewRelDataset',
    'OpenEntityDataset',
    'TACREDDataset',
    'TextCorpusDataset',
]
