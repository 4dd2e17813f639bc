"""Base of the generative models: owns ``forward(mode)`` so models write loss/predict/_forward."""

from ..base_task_model import BaseTaskModel


class BaseGenerativeModel(BaseTaskModel):
    """Generative task model: ``mode='loss'`` returns losses (and logged scalars),
    ``'predict'`` one result dict per sample, ``'tensor'`` the raw network output."""
