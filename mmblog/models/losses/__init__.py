from .cross_entropy_loss import CrossEntropyLoss

__all__ = ['CrossEntropyLoss']

# Margin-based losses (binary classification).
from .margin_losses import *  # noqa: E402,F401,F403
from .margin_losses import __all__ as _margin_all  # noqa: E402

__all__ += _margin_all
