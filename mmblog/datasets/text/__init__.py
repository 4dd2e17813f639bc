from .text_corpus_dataset import TextCorpusDataset

__all__ = ['TextCorpusDataset']
