from .base import BaseMultimodalModel
from .mil_nce import *  # noqa: F401,F403

__all__ = ['BaseMultimodalModel']
from .hero import *  # noqa: F401,F403
