from .formatting import PackClsInputs

__all__ = ['PackClsInputs']

from .processing import RandomCrop, RandomResizedCrop, ResizeEdge  # noqa: E402

__all__ += ['RandomCrop', 'RandomResizedCrop', 'ResizeEdge']
