from .base_kge_model import BaseKGEModel
from .transe import TransE

__all__ = ['BaseKGEModel', 'TransE']
