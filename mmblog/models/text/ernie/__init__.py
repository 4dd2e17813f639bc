from .dea_head import DEAHead
from .ernie_aggregator import ErnieAggregator
from .ernie_encoder import ErnieEncoder
from .ernie_entity_typing import ErnieEntityTyping
from .ernie_pretrain_model import ErniePretrainModel
from .ernie_relation_classification import ErnieRelationClassification

__all__ = [
    'DEAHead',
    'ErnieAggregator',
    'ErnieEncoder',
    'ErnieEntityTyping',
    'ErniePretrainModel',
    'ErnieRelationClassification',
]
