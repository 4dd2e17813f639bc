from .bbox_heads import *  # noqa: F401,F403
from .cascade_roi_head import CascadeRoIHead
from .mask_heads import *  # noqa: F401,F403
from .roi_extractors import *  # noqa: F401,F403
from .standard_roi_head import StandardRoIHead

__all__ = ['CascadeRoIHead', 'StandardRoIHead']
