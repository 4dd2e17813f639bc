from .augment_wrappers import AutoAugment
from .formatting import PackClsInputs, PackDetInputs
from .geometric import Rotate, Translate
from .loading import LoadAnnotations, LoadImageFromFile
from .pack_codes import PackCodeInputs
from .transforms import Pad, RandomChoiceResize, RandomFlip, RandomResize, Resize

__all__ = [
    'PackClsInputs',
    'PackDetInputs',
    'AutoAugment',
    'LoadAnnotations',
    'LoadImageFromFile',
    'Pad',
    'RandomChoiceResize',
    'RandomFlip',
    'RandomResize',
    'Resize',
    'Rotate',
    'Translate',
]
__all__ += ['PackCodeInputs']
