from .base import BaseTextModel
from .bert_encoder import BertEncoder
from .ernie import *  # noqa: F401,F403
from .ernie2 import *  # noqa: F401,F403
from .masked_language_model import MaskedLanguageModel

__all__ = ['BaseTextModel', 'BertEncoder', 'MaskedLanguageModel']
