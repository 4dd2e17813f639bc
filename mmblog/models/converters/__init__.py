"""Checkpoint converters (logic of tools/model_converters/, importable and tested)."""

from .torchvision_rcnn import COCO80_IDS, convert, load_state_dict, save_checkpoint

__all__ = ['COCO80_IDS', 'convert', 'load_state_dict', 'save_checkpoint']
