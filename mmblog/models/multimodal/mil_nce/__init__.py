from .gated_embedding_unit import GatedEmbeddingUnit
from .howto100m_embedding import HowTo100MEmbedding
from .sentence_max_pool import SentenceMaxPool

__all__ = ['GatedEmbeddingUnit', 'HowTo100MEmbedding', 'SentenceMaxPool']
