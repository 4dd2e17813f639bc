from .cross_entropy_loss import CrossEntropyLoss
from .l1_loss import L1Loss
from .margin_losses import *  # noqa: F401,F403
from .margin_losses import __all__ as _margin_losses
from .smooth_l1_loss import SmoothL1Loss

__all__ = ['CrossEntropyLoss', 'L1Loss', 'SmoothL1Loss', *_margin_losses]
from .max_margin_ranking_loss import MaxMarginRankingLoss, intra_video_weights  # noqa: E402

__all__ += ['MaxMarginRankingLoss', 'intra_video_weights']
from .circle_loss import CircleLoss  # noqa: E402

__all__ += ['CircleLoss']
