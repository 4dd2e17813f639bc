from .anchor_generator import AnchorGenerator
from .assigner import MaxIoUAssigner
from .bbox_coder import DeltaXYWHBBoxCoder
from .sampler import RandomSampler

__all__ = ['AnchorGenerator', 'DeltaXYWHBBoxCoder', 'MaxIoUAssigner', 'RandomSampler']
