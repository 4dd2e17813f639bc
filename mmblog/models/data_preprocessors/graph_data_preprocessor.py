"""Move PyG graph batches (``Data``/``Batch``/``HeteroData``) and their data samples to the device."""

from mmengine.model import BaseDataPreprocessor
from torch_geometric.data.data import BaseData

from mmblog.registry import MODELS


@MODELS.register_module()
class GraphDataPreprocessor(BaseDataPreprocessor):
    """mmengine's ``cast_data`` moves tensors, data elements, mappings and sequences, but not PyG
    graphs (they are none of those), so ``--device cuda`` would leave the graph on the CPU. This
    preprocessor moves every PyG object in the batch with its own ``.to``.

    Args:
        non_blocking: Passed to ``.to`` (pinned memory copies).
    """

    def __init__(self, non_blocking: bool = False):
        super().__init__(non_blocking=non_blocking)

    def cast_data(self, data):
        if isinstance(data, BaseData):
            return data.to(self.device, non_blocking=self._non_blocking)
        return super().cast_data(data)

    def forward(self, data: dict, training: bool = False) -> dict:
        # cast_data recurses through mappings/sequences with this class's override.
        return self.cast_data(data)
