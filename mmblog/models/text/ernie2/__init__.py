from .capitalization_task import CapitalizationTask
from .discourse_relation_task import DiscourseRelationTask
from .ernie2_pretrain_model import Ernie2PretrainModel
from .ir_relevance_task import IRRelevanceTask
from .knowledge_masking_task import KnowledgeMaskingTask
from .sentence_distance_task import SentenceDistanceTask
from .sentence_reordering_task import SentenceReorderingTask
from .token_document_relation_task import TokenDocumentRelationTask

__all__ = [
    'CapitalizationTask',
    'DiscourseRelationTask',
    'Ernie2PretrainModel',
    'IRRelevanceTask',
    'KnowledgeMaskingTask',
    'SentenceDistanceTask',
    'SentenceReorderingTask',
    'TokenDocumentRelationTask',
]
