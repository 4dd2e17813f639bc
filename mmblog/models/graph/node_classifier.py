"""Node classification: a graph encoder gives per-node outputs, a node head scores them."""

from collections.abc import Sequence

import torch

from mmblog.registry import MODELS

from ..data_preprocessors.graph_data_preprocessor import GraphDataPreprocessor
from .base import BaseGraphModel


@MODELS.register_module()
class NodeClassifier(BaseGraphModel):
    """``backbone(graph) -> (N, D)`` node outputs, ``head`` -> loss or per-node predictions.

    Args:
        backbone: Config of the graph encoder (APPNP, PPNP, ClusterGCN, a GCN, an MLP...). It is
            called with the PyG graph and returns one row per node.
        head: Config of the node head (``NodeClsHead``).
        l2_reg: Weight ``lambda`` of an explicit ``lambda / 2 * sum ||p||^2`` term (APPNP's L2 on
            its first layer only). The term is part of the loss (``loss_l2``) and, so that early
            stopping can watch the same objective, is attached to predictions as ``reg_loss``.
        l2_reg_params: Name prefixes of the regularised parameters (e.g. ``['backbone.lins.0']``).
        data_preprocessor: Defaults to ``GraphDataPreprocessor``.
    """

    def __init__(
        self,
        backbone: dict,
        head: dict,
        l2_reg: float = 0.0,
        l2_reg_params: Sequence[str] = (),
        data_preprocessor: dict | None = None,
        init_cfg: dict | None = None,
    ):
        if data_preprocessor is None:
            # An instance, not a config: mmengine builds config dicts in its own root registry
            # unless a default scope is set.
            data_preprocessor = GraphDataPreprocessor()
        super().__init__(data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        self.backbone = MODELS.build(backbone)
        self.head = MODELS.build(head)
        self.l2_reg = l2_reg
        self.l2_reg_params = tuple(l2_reg_params)
        if l2_reg and not self.l2_reg_params:
            raise ValueError(
                'l2_reg needs l2_reg_params: the parameter name prefixes to regularise'
            )
        if self.l2_reg_params and not list(self._reg_params()):
            raise ValueError(f'l2_reg_params {self.l2_reg_params} match no parameter of the model')

    def _reg_params(self):
        for name, p in self.named_parameters():
            if name.startswith(self.l2_reg_params):
                yield p

    def regularization(self) -> torch.Tensor | None:
        """``l2_reg / 2 * sum ||p||^2`` over the regularised parameters (None when off)."""
        if not self.l2_reg:
            return None
        return self.l2_reg / 2 * sum(p.pow(2).sum() for p in self._reg_params())

    def _forward(self, inputs, data_samples=None) -> torch.Tensor:
        return self.backbone(inputs)

    def loss(self, inputs, data_samples) -> dict:
        losses = self.head.loss(self.backbone(inputs), inputs, data_samples)
        reg = self.regularization()
        if reg is not None:
            losses['loss_l2'] = reg
        return losses

    def predict(self, inputs, data_samples) -> list:
        samples = self.head.predict(self.backbone(inputs), inputs, data_samples)
        reg = self.regularization()
        if reg is not None:
            for s in samples:
                s.reg_loss = reg.detach()
        return samples
