from .cross_entropy_loss import CrossEntropyLoss

__all__ = ['CrossEntropyLoss']
from .l1_loss import L1Loss, SmoothL1Loss  # noqa: E402

__all__ += ['L1Loss', 'SmoothL1Loss']
