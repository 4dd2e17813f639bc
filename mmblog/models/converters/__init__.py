"""Weight converters from other libraries' layouts (importable and tested; tools are thin CLIs)."""

from .hf_bert import (
    convert_hf_checkpoint,
    load_encoder_state_dict,
    load_hf_bert,
    read_config,
    read_weights,
    split_hf_state_dict,
)
from .torchvision_cls import CONFIG_HINTS, convert_classifier, detect_classifier_arch
from .torchvision_rcnn import COCO80_IDS, convert, load_state_dict, save_checkpoint

__all__ = [
    'COCO80_IDS',
    'CONFIG_HINTS',
    'convert_classifier',
    'detect_classifier_arch',
    'convert',
    'convert_hf_checkpoint',
    'load_encoder_state_dict',
    'load_hf_bert',
    'load_state_dict',
    'read_config',
    'read_weights',
    'save_checkpoint',
    'split_hf_state_dict',
]
