"""Weight converters from other libraries' layouts (importable and tested; tools are thin CLIs)."""

from .hf_bert import (
    convert_hf_checkpoint,
    load_encoder_state_dict,
    load_hf_bert,
    read_config,
    read_weights,
    split_hf_state_dict,
)

__all__ = [
    'convert_hf_checkpoint',
    'load_encoder_state_dict',
    'load_hf_bert',
    'read_config',
    'read_weights',
    'split_hf_state_dict',
]
