from .auto_augment import AutoAugment
from .formatting import PackClsInputs, PackDetInputs
from .geometric import Rotate, Translate
from .loading import LoadAnnotations, LoadImageFromFile
from .pack_codes import PackCodeInputs
from .processing import RandomCrop, RandomResizedCrop, ResizeEdge
from .transforms import Pad, RandomChoiceResize, RandomFlip, RandomResize, Resize

__all__ = [
    'AutoAugment',
    'LoadAnnotations',
    'LoadImageFromFile',
    'PackClsInputs',
    'PackCodeInputs',
    'PackDetInputs',
    'Pad',
    'RandomChoiceResize',
    'RandomCrop',
    'RandomFlip',
    'RandomResize',
    'RandomResizedCrop',
    'Resize',
    'ResizeEdge',
    'Rotate',
    'Translate',
]
