"""The base of every graph model: owns ``forward(mode)``; models write loss/predict/_forward."""

from abc import abstractmethod

from ..base_task_model import BaseTaskModel


class BaseGraphModel(BaseTaskModel):
    """Dispatches ``forward(inputs, data_samples, mode)`` for node, link-rating, session and
    heterogeneous graph models alike.

    ``inputs`` is a PyG ``Data``/``Batch``/``HeteroData`` (moved to the device by
    :class:`GraphDataPreprocessor`), ``data_samples`` a list of ``GraphDataSample``, one per graph.

    Modes:
        ``'loss'``: a dict of losses (:meth:`loss`).
        ``'predict'``: the data samples with predictions (:meth:`predict`).
        ``'tensor'``: the raw network output (:meth:`_forward`).
    """

    @abstractmethod
    def loss(self, inputs, data_samples) -> dict:
        """Losses of one step."""

    @abstractmethod
    def predict(self, inputs, data_samples) -> list:
        """Data samples with predictions filled in."""

    @abstractmethod
    def _forward(self, inputs, data_samples=None):
        """The network output without post-processing."""
