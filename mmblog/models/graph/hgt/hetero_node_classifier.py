"""Node classification on a heterogeneous graph: scores the nodes of one target type."""

import torch

from mmblog.registry import MODELS

from ...data_preprocessors.graph_data_preprocessor import GraphDataPreprocessor
from ..base import BaseGraphModel


@MODELS.register_module()
class HeteroNodeClassifier(BaseGraphModel):
    """``backbone(HeteroData) -> (N_target, D)``, then a node head on the target type's store
    (its ``y`` and ``target_mask``), e.g. DBLP authors or OGB-MAG papers.

    Args:
        backbone: Config of a heterogeneous encoder returning target-type rows (``HGT``).
        head: Config of the node head (``NodeClsHead`` with ``in_channels``/``num_classes``).
        target_type: The node type scored (defaults to ``backbone.target_type``).
    """

    def __init__(
        self,
        backbone: dict,
        head: dict,
        target_type: str | None = None,
        data_preprocessor: dict | None = None,
        init_cfg: dict | None = None,
    ):
        if data_preprocessor is None:
            data_preprocessor = GraphDataPreprocessor()
        super().__init__(data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        self.backbone = MODELS.build(backbone)
        self.head = MODELS.build(head)
        self.target_type = target_type or self.backbone.target_type

    def _forward(self, inputs, data_samples=None) -> torch.Tensor:
        return self.backbone(inputs)

    def loss(self, inputs, data_samples) -> dict:
        return self.head.loss(self.backbone(inputs), inputs[self.target_type], data_samples)

    def predict(self, inputs, data_samples) -> list:
        return self.head.predict(self.backbone(inputs), inputs[self.target_type], data_samples)
