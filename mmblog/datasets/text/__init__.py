from .open_entity_dataset import OpenEntityDataset
from .relation_json_datasets import FewRelDataset, TACREDDataset
from .text_corpus_dataset import TextCorpusDataset

__all__ = ['FewRelDataset', 'OpenEntityDataset', 'TACREDDataset', 'TextCorpusDataset']
