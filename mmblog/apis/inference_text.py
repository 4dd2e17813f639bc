"""Fill in ``[MASK]`` tokens with a masked-language model built from a config."""

import copy

import torch
from mmengine.dataset import Compose, pseudo_collate

from mmblog.registry import TOKENIZERS, TRANSFORMS


def _tokenize_step(cfg) -> dict:
    dataloader = cfg.get('test_dataloader') or cfg.get('val_dataloader')
    for step in dataloader['dataset'].get('pipeline', []):
        if step['type'] == 'TokenizeText':
            return copy.deepcopy(step)
    raise KeyError('the config has no TokenizeText step in its test pipeline')


@torch.no_grad()
def fill_mask(model, text: str, topk: int = 5) -> list[list[tuple[str, float]]]:
    """Top-k tokens and probabilities for every mask token in ``text``.

    Args:
        model: A ``MaskedLanguageModel`` from :func:`mmblog.apis.init_classifier` (any config
            path or Config; the model keeps ``model.cfg``).
        text: Text with the tokenizer's mask token, e.g. ``'the sky is [MASK]'``.
        topk: Candidates per mask.

    Returns:
        One list of ``(token, probability)`` per mask, in text order.
    """
    step = _tokenize_step(model.cfg)
    tokenizer = TOKENIZERS.build(step['tokenizer'])
    step['tokenizer'] = tokenizer
    pipeline = Compose([TRANSFORMS.build(step), TRANSFORMS.build(dict(type='PackTextInputs'))])
    data = model.data_preprocessor(pseudo_collate([pipeline(dict(text=text, sample_idx=0))]))
    ids = data['inputs']['input_ids'][0]
    positions = (ids == tokenizer.mask_token_id).nonzero().flatten()
    if len(positions) == 0:
        raise ValueError(f'no {tokenizer.special_tokens["mask"]} token in {text!r}')
    probs = model(data['inputs'], mode='tensor')[0, positions].softmax(-1)
    top = probs.topk(topk, dim=-1)
    return [
        [(tokenizer.id_to_token(int(i)), float(p)) for p, i in zip(ps, idx)]
        for ps, idx in zip(top.values, top.indices)
    ]
