from .linear_cls_head import LinearClsHead

__all__ = ['LinearClsHead']

# Classification heads.
from .binary_cls_head import BinaryClsHead  # noqa: E402
from .inception_aux_head import GoogLeNetAuxHead, InceptionV3AuxHead  # noqa: E402
from .stacked_linear_cls_head import StackedLinearClsHead  # noqa: E402

__all__ += ['BinaryClsHead', 'GoogLeNetAuxHead', 'InceptionV3AuxHead', 'StackedLinearClsHead']
