from .base import BaseTextModel
from .bert_encoder import BertEncoder
from .masked_language_model import MaskedLanguageModel

__all__ = ['BaseTextModel', 'BertEncoder', 'MaskedLanguageModel']
