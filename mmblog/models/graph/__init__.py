from .base import BaseGraphModel
from .gcn import GCN
from .node_classifier import NodeClassifier
from .node_cls_head import NodeClsHead
from .node_mlp import NodeMLP

__all__ = ['GCN', 'BaseGraphModel', 'NodeClassifier', 'NodeClsHead', 'NodeMLP']
from .igmc import IGMC, arr_penalty  # noqa: E402

__all__ += ['IGMC', 'arr_penalty']
