"""BertEncoder loads random-weight transformers checkpoints strictly and matches their outputs."""

import pickle

import pytest
import torch
import transformers

from mmblog.models.converters import convert_hf_checkpoint, load_hf_bert, read_weights
from mmblog.models.converters.hf_bert import split_hf_state_dict
from mmblog.models.text import BertEncoder, MaskedLanguageModel
from mmblog.utils.data_check import DataFormatError, MissingDataError

TINY = dict(
    vocab_size=120,
    hidden_size=32,
    num_hidden_layers=2,
    num_attention_heads=4,
    intermediate_size=64,
    max_position_embeddings=40,
)


def padded_batch(pad_id: int, seed: int = 0):
    g = torch.Generator().manual_seed(seed)
    ids = torch.randint(5, 120, (3, 11), generator=g)
    mask = torch.ones_like(ids)
    mask[0, 6:] = 0
    mask[2, 2:] = 0
    ids[mask == 0] = pad_id
    return ids, mask, (torch.arange(11) >= 5).long().expand(3, 11) * mask


def save_hf(model, folder, safe: bool = True) -> str:
    model.save_pretrained(folder, safe_serialization=safe)
    return str(folder)


@pytest.mark.parametrize('kind', ['bert', 'roberta'])
def test_hf_safetensors_loads_strictly_and_matches(kind, tmp_path):
    torch.manual_seed(0)
    if kind == 'bert':
        hf = transformers.BertModel(transformers.BertConfig(**TINY)).eval()
    else:
        hf = transformers.RobertaModel(transformers.RobertaConfig(**TINY)).eval()
    folder = save_hf(hf, tmp_path / kind)
    encoder_sd, head_sd, other = split_hf_state_dict(read_weights(folder))
    ours = BertEncoder(**BertEncoder.hf_config_to_kwargs(hf.config.to_dict())).eval()
    missing, unexpected = ours.load_state_dict(encoder_sd, strict=True)
    assert (missing, unexpected, head_sd, other) == ([], [], {}, {})
    assert ours.embeddings.position_ids_from_padding == (kind == 'roberta')

    ids, mask, types = padded_batch(hf.config.pad_token_id)
    with torch.no_grad():
        ref = hf(
            input_ids=ids, attention_mask=mask, token_type_ids=types if kind == 'bert' else None
        )
        out = ours(ids, mask, types if kind == 'bert' else None)
    real = mask.bool()
    diff = (ref.last_hidden_state - out['last_hidden_state'])[real].abs().max().item()
    assert diff < 1e-5, diff
    assert (ref.pooler_output - out['pooler_output']).abs().max().item() < 1e-5
    # also through the one-call loader
    loaded = load_hf_bert(folder)
    with torch.no_grad():
        again = loaded(ids, mask, types if kind == 'bert' else None)['last_hidden_state']
    assert (again - out['last_hidden_state']).abs().max().item() == 0


def test_roberta_position_offset_matters(tmp_path):
    """Without the padding offset the same RoBERTa weights give different hidden states."""
    torch.manual_seed(1)
    hf = transformers.RobertaModel(transformers.RobertaConfig(**TINY)).eval()
    sd = split_hf_state_dict(hf.state_dict())[0]
    kwargs = BertEncoder.hf_config_to_kwargs(hf.config.to_dict())
    wrong = BertEncoder(**{**kwargs, 'position_ids_from_padding': False}).eval()
    wrong.load_state_dict(sd)
    ids, mask, _ = padded_batch(hf.config.pad_token_id)
    with torch.no_grad():
        ref = hf(input_ids=ids, attention_mask=mask).last_hidden_state
        bad = wrong(ids, mask)['last_hidden_state']
    assert (ref - bad)[mask.bool()].abs().max() > 1e-2


def test_masked_lm_checkpoint_converts_with_tied_head(tmp_path):
    torch.manual_seed(2)
    hf = transformers.BertForMaskedLM(transformers.BertConfig(**TINY)).eval()
    folder = save_hf(hf, tmp_path / 'mlm', safe=False)  # pytorch_model.bin, read weights-only
    dst = tmp_path / 'mlm.pth'
    counts = convert_hf_checkpoint(folder, str(dst), 'encoder.', 'head.')
    assert counts['dropped'] == 0
    encoder = dict(type='BertEncoder', add_pooling_layer=False, **TINY)
    model = MaskedLanguageModel(encoder=encoder).eval()
    state = torch.load(dst, weights_only=True)['state_dict']
    missing, unexpected = model.load_state_dict(state, strict=True)
    assert (missing, unexpected) == ([], [])
    assert model.head.decoder.weight is model.encoder.embeddings.word_embeddings.weight
    ids, mask, _ = padded_batch(0)
    inputs = dict(input_ids=ids, attention_mask=mask)
    with torch.no_grad():
        ref = hf(input_ids=ids, attention_mask=mask).logits
        out = model(inputs, mode='tensor')
    assert (ref - out)[mask.bool()].abs().max().item() < 1e-5


def test_hf_checkpoint_in_config_is_loaded_by_init_weights(tmp_path):
    torch.manual_seed(3)
    hf = transformers.BertModel(transformers.BertConfig(**TINY)).eval()
    folder = save_hf(hf, tmp_path / 'bert')
    enc = BertEncoder(hf_checkpoint=folder, hidden_dropout_prob=0.0, **TINY)
    before = enc.embeddings.word_embeddings.weight.clone()
    enc.init_weights()
    after = enc.embeddings.word_embeddings.weight
    assert not torch.equal(before, after)
    assert torch.equal(after, hf.embeddings.word_embeddings.weight)
    bad = BertEncoder(hf_checkpoint=folder, **{**TINY, 'num_hidden_layers': 1})
    with pytest.raises(DataFormatError, match='unexpected .*encoder.layer.1'):
        bad.init_weights()


class Boom:
    def __reduce__(self):
        return (print, ('code ran',))


def test_unsafe_or_missing_checkpoints_fail_in_one_line(tmp_path):
    evil = tmp_path / 'pytorch_model.bin'
    with open(evil, 'wb') as f:
        pickle.dump({'embeddings.word_embeddings.weight': Boom()}, f)
    with pytest.raises(DataFormatError, match='not a weights-only checkpoint') as err:
        read_weights(str(tmp_path))
    assert '\n' not in str(err.value)
    (tmp_path / 'empty').mkdir()
    with pytest.raises(MissingDataError, match='no model.safetensors or pytorch_model.bin in'):
        read_weights(str(tmp_path / 'empty'))
    with pytest.raises(MissingDataError, match='checkpoint not found: .*nowhere.safetensors'):
        read_weights(str(tmp_path / 'nowhere.safetensors'))
    (tmp_path / 'junk.safetensors').write_bytes(b'not a safetensors file at all')
    with pytest.raises(DataFormatError, match='junk.safetensors: not a safetensors file'):
        read_weights(str(tmp_path / 'junk.safetensors'))


def test_pre_norm_and_task_embeddings():
    enc = BertEncoder(pre_norm=True, num_task_types=3, **TINY).eval()
    assert enc.encoder.LayerNorm is not None
    assert enc.embeddings.task_type_embeddings.num_embeddings == 3
    ids, mask, _ = padded_batch(0)
    with torch.no_grad():
        a = enc(ids, mask, task_type_ids=torch.zeros_like(ids))['last_hidden_state']
        b = enc(ids, mask, task_type_ids=torch.ones_like(ids))['last_hidden_state']
    assert not torch.allclose(a, b)
    # the final LayerNorm normalises every position of the pre-LN stack
    torch.testing.assert_close(a.mean(-1), torch.zeros(3, 11), atol=1e-5, rtol=0)
    with pytest.raises(ValueError, match='needs position 40 but the model has 40 positions'):
        enc(torch.ones(1, 41, dtype=torch.long))
