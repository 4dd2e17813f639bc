from .base import BaseMultimodalModel
from .mil_nce import *  # noqa: F401,F403

__all__ = ['BaseMultimodalModel']
from .ernie_vil import *  # noqa: F401,F403
from .hero import *  # noqa: F401,F403
