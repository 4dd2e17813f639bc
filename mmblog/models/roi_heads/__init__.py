from .bbox_head import Shared2FCBBoxHead
from .cascade_roi_head import CascadeRoIHead
from .mask_head import FCNMaskHead
from .roi_extractor import SingleRoIExtractor
from .standard_roi_head import StandardRoIHead

__all__ = [
    'CascadeRoIHead',
    'FCNMaskHead',
    'Shared2FCBBoxHead',
    'SingleRoIExtractor',
    'StandardRoIHead',
]
