from .binary_cls_head import BinaryClsHead
from .inception_aux_head import GoogLeNetAuxHead, InceptionV3AuxHead
from .linear_cls_head import LinearClsHead
from .stacked_linear_cls_head import StackedLinearClsHead

__all__ = [
    'BinaryClsHead',
    'GoogLeNetAuxHead',
    'InceptionV3AuxHead',
    'LinearClsHead',
    'StackedLinearClsHead',
]
