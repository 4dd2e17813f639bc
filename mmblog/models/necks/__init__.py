from .global_average_pooling import GlobalAveragePooling

__all__ = ['GlobalAveragePooling']
from .fpn import FPN  # noqa: E402

__all__ += ['FPN']
