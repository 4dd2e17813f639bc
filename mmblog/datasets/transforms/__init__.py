from .auto_augment import AutoAugment
from .entity_transforms import AlignEntities, DenoiseEntities, MarkEntityMention
from .ernie2_task_labels import CapitalizationLabels, SentenceReorder, TokenDocumentRelation
from .formatting import PackClsInputs, PackDetInputs
from .geometric import Rotate, Translate
from .loading import LoadAnnotations, LoadImageFromFile
from .pack_code_inputs import PackCodeInputs
from .pack_ernie2_inputs import PackErnie2Inputs
from .processing import RandomCrop, RandomResizedCrop, ResizeEdge
from .text import MaskTokens, PackTextInputs, PadTokens, TokenizeText
from .transforms import Pad, RandomChoiceResize, RandomFlip, RandomResize, Resize

__all__ = [
    'AlignEntities',
    'CapitalizationLabels',
    'SentenceReorder',
    'TokenDocumentRelation',
    'DenoiseEntities',
    'MarkEntityMention',
    'AutoAugment',
    'LoadAnnotations',
    'LoadImageFromFile',
    'MaskTokens',
    'PackClsInputs',
    'PackCodeInputs',
    'PackErnie2Inputs',
    'PackDetInputs',
    'PackTextInputs',
    'Pad',
    'PadTokens',
    'RandomChoiceResize',
    'RandomCrop',
    'RandomFlip',
    'RandomResize',
    'RandomResizedCrop',
    'Resize',
    'ResizeEdge',
    'Rotate',
    'TokenizeText',
    'Translate',
]
