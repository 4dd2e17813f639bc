from .dea_head import DEAHead
from .ernie_aggregator import ErnieAggregator
from .ernie_encoder import ErnieEncoder
from .ernie_entity_typing import ErnieEntityTyping

__all__ = ['DEAHead', 'ErnieAggregator', 'ErnieEncoder', 'ErnieEntityTyping']
