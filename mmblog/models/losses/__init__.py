from .cross_entropy_loss import CrossEntropyLoss
from .margin_losses import (
    MARGIN_LOSSES,
    DWDMarginLoss,
    ExpLoss,
    L1HingeLoss,
    L2HingeLoss,
    L2MarginLoss,
    LogitMarginLoss,
    MarginLoss,
    ModifiedHuberLoss,
    PerceptronLoss,
    SigmoidLoss,
    SmoothedL1HingeLoss,
    ZeroOneLoss,
)

__all__ = [
    'CrossEntropyLoss',
    'MARGIN_LOSSES',
    'DWDMarginLoss',
    'ExpLoss',
    'L1HingeLoss',
    'L2HingeLoss',
    'L2MarginLoss',
    'LogitMarginLoss',
    'MarginLoss',
    'ModifiedHuberLoss',
    'PerceptronLoss',
    'SigmoidLoss',
    'SmoothedL1HingeLoss',
    'ZeroOneLoss',
]
