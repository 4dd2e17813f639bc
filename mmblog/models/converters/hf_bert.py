"""Read local Hugging Face BERT/RoBERTa checkpoints into mmblog's ``BertEncoder`` layout.

Nothing here reaches the network or imports ``transformers``: weights come from a local
``model.safetensors`` (preferred) or ``pytorch_model.bin`` read with ``weights_only=True``, and
the architecture from the ``config.json`` beside them.
"""

import json
import os
import os.path as osp
import re
from collections import OrderedDict

import torch

from mmblog.utils.data_check import DataFormatError, MissingDataError

WEIGHT_FILES = ('model.safetensors', 'pytorch_model.bin')
# Prefixes of the base model inside task models (BertForMaskedLM, RobertaForMaskedLM, ...).
BASE_PREFIXES = ('bert.', 'roberta.', 'ernie.')
# Non-persistent buffers some versions of transformers saved.
BUFFER_KEYS = ('embeddings.position_ids', 'embeddings.token_type_ids')
# Masked-LM head keys (BERT's cls.predictions.*, RoBERTa's lm_head.*) -> MaskedLMHead names.
HEAD_RENAMES = (
    (r'^cls\.predictions\.transform\.', 'transform.'),
    (r'^cls\.predictions\.bias$', 'bias'),
    (r'^cls\.predictions\.decoder\.weight$', 'decoder.weight'),
    (r'^lm_head\.dense\.', 'transform.dense.'),
    (r'^lm_head\.layer_norm\.', 'transform.LayerNorm.'),
    (r'^lm_head\.bias$', 'bias'),
    (r'^lm_head\.decoder\.weight$', 'decoder.weight'),
)
# Duplicates of tied parameters: the decoder bias is ``bias`` itself.
TIED_DUPLICATES = ('cls.predictions.decoder.bias', 'lm_head.decoder.bias')


def find_weight_file(path: str) -> str:
    """The weight file itself, or the first of ``WEIGHT_FILES`` inside a checkpoint folder."""
    if osp.isdir(path):
        for name in WEIGHT_FILES:
            if osp.isfile(osp.join(path, name)):
                return osp.join(path, name)
        raise MissingDataError(
            f'no {" or ".join(WEIGHT_FILES)} in {path} -- save one with '
            "transformers' model.save_pretrained(path) on a machine that has the weights"
        )
    if not osp.isfile(path):
        raise MissingDataError(f'checkpoint not found: {path}')
    return path


def read_weights(path: str) -> dict[str, torch.Tensor]:
    """Tensors of a ``.safetensors`` file or a ``.bin``/``.pth`` read with ``weights_only``.

    A pickle that holds anything but tensors and plain containers is refused (no code runs).
    """
    path = find_weight_file(path)
    if path.endswith('.safetensors'):
        from safetensors import SafetensorError
        from safetensors.torch import load_file

        try:
            return load_file(path)
        except SafetensorError as exc:
            raise DataFormatError(f'{path}: not a safetensors file ({exc})') from None
    try:
        state = torch.load(path, map_location='cpu', weights_only=True)
    except Exception as exc:  # noqa: BLE001 - torch raises several types for unsafe/bad pickles
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DataFormatError(
            f'{path}: not a weights-only checkpoint ({first}); convert it to safetensors'
        ) from None
    if isinstance(state, dict) and 'state_dict' in state:
        state = state['state_dict']
    if not isinstance(state, dict) or not all(isinstance(v, torch.Tensor) for v in state.values()):
        raise DataFormatError(f'{path}: expected a mapping of parameter names to tensors')
    return dict(state)


def read_config(path: str) -> dict:
    """The ``config.json`` of a checkpoint folder (or of the folder holding a weight file)."""
    folder = path if osp.isdir(path) else osp.dirname(path)
    cfg_path = osp.join(folder, 'config.json')
    if not osp.isfile(cfg_path):
        raise MissingDataError(
            f'config.json not found next to {path}: pass the model arguments explicitly'
        )
    with open(cfg_path, encoding='utf-8') as f:
        try:
            return json.load(f)
        except json.JSONDecodeError as exc:
            raise DataFormatError(f'{cfg_path}: invalid JSON ({exc})') from None


def split_hf_state_dict(state: dict) -> tuple[OrderedDict, OrderedDict, OrderedDict]:
    """Split an HF BERT/RoBERTa state dict into (encoder, mlm_head, other) in mmblog names.

    Encoder keys lose the task-model prefix (``bert.``/``roberta.``) and old TF-style
    ``LayerNorm.gamma/beta`` become ``weight/bias``; MLM head keys get :class:`MaskedLMHead`
    names; tied duplicates and buffers are dropped; everything else (NSP head, classifier) is
    returned in ``other`` unchanged.
    """
    encoder, head, other = OrderedDict(), OrderedDict(), OrderedDict()
    for key, value in state.items():
        key = re.sub(r'\.gamma$', '.weight', re.sub(r'\.beta$', '.bias', key))
        for prefix in BASE_PREFIXES:
            if key.startswith(prefix):
                key = key[len(prefix) :]
                break
        if key in BUFFER_KEYS or key in TIED_DUPLICATES:
            continue
        if key.startswith(('embeddings.', 'encoder.', 'pooler.')):
            encoder[key] = value
            continue
        for pattern, repl in HEAD_RENAMES:
            if re.match(pattern, key):
                head[re.sub(pattern, repl, key)] = value
                break
        else:
            other[key] = value
    return encoder, head, other


def load_hf_bert(path: str, strict: bool = True, **overrides):
    """Build a :class:`~mmblog.models.text.BertEncoder` from a local HF checkpoint folder.

    Args:
        path: Folder with ``config.json`` and ``model.safetensors`` / ``pytorch_model.bin``.
        strict: Refuse missing or unexpected encoder keys.
        **overrides: BertEncoder arguments that replace the config's (e.g. dropout).

    Returns:
        The encoder in eval mode with the checkpoint's weights.
    """
    from mmblog.models.text.bert_encoder import BertEncoder

    kwargs = BertEncoder.hf_config_to_kwargs(read_config(path))
    encoder_sd, _, _ = split_hf_state_dict(read_weights(path))
    kwargs.setdefault('add_pooling_layer', any(k.startswith('pooler.') for k in encoder_sd))
    model = BertEncoder(**{**kwargs, **overrides})
    load_encoder_state_dict(model, encoder_sd, path, strict)
    return model.eval()


def load_encoder_state_dict(model: torch.nn.Module, state: dict, source: str, strict: bool):
    """``load_state_dict`` with one clear error listing missing/unexpected keys."""
    missing, unexpected = model.load_state_dict(state, strict=False)
    if strict and (missing or unexpected):
        raise DataFormatError(
            f'{source}: does not match the encoder: missing {missing[:5]}'
            f'{"..." if len(missing) > 5 else ""}, unexpected {unexpected[:5]}'
            f'{"..." if len(unexpected) > 5 else ""}'
        )
    return missing, unexpected


def convert_hf_checkpoint(src: str, dst: str, prefix: str = 'encoder.', head_prefix=None) -> dict:
    """Write an HF BERT/RoBERTa checkpoint as an mmengine checkpoint (``load_from``-ready).

    Args:
        src: HF checkpoint folder or weight file.
        dst: Output ``.pth`` (tensors and plain metadata only: loads with ``weights_only``).
        prefix: Where the encoder sits in the mmblog model (``encoder.`` in MaskedLanguageModel).
        head_prefix: Where the masked-LM head goes (e.g. ``head.``); None drops it.

    Returns:
        Counts of encoder / head / dropped tensors.
    """
    encoder_sd, head_sd, other = split_hf_state_dict(read_weights(src))
    state = OrderedDict((prefix + k, v) for k, v in encoder_sd.items())
    if head_sd and 'decoder.weight' not in head_sd:
        # transformers saves tied weights once: the decoder is the word embedding.
        head_sd['decoder.weight'] = encoder_sd['embeddings.word_embeddings.weight']
    if head_prefix is not None:
        state.update((head_prefix + k, v) for k, v in head_sd.items())
    meta = {}
    try:
        meta['hf_config'] = json.dumps(read_config(src))
    except MissingDataError:
        pass
    os.makedirs(osp.dirname(osp.abspath(dst)), exist_ok=True)
    tmp = dst + '.tmp'
    torch.save(dict(state_dict=state, meta=meta), tmp)
    os.replace(tmp, dst)
    dropped = len(other) + (len(head_sd) if head_prefix is None else 0)
    return dict(encoder=len(encoder_sd), head=len(head_sd) if head_prefix else 0, dropped=dropped)
