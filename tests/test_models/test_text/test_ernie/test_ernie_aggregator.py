"""ERNIE's information fusion against its formulas; encoder, dEA head and typing model."""

import torch
import torch.nn.functional as F

from mmblog.models.text.ernie import DEAHead, ErnieAggregator, ErnieEncoder, ErnieEntityTyping
from mmblog.structures import TextDataSample
from mmblog.utils import register_all_modules

register_all_modules()


def test_fusion_matches_the_formulas():
    torch.manual_seed(0)
    layer = ErnieAggregator(8, 6, 2, 2, 16, dropout=0.0, attn_drop=0.0).eval()
    w = torch.randn(2, 5, 8)
    e = torch.randn(2, 5, 6)
    mask = torch.tensor([[1, 0, 0, 1, 0], [0, 0, 0, 0, 0]])
    out_w, out_e = layer.fuse(w, e, mask)
    wt, we = layer.token_dense.weight, layer.entity_dense.weight
    b = layer.token_dense.bias
    for i in range(2):
        for j in range(5):
            if mask[i, j]:
                h = F.gelu(wt @ w[i, j] + we @ e[i, j] + b)
            else:  # token-only form
                h = F.gelu(wt @ w[i, j] + b)
            want_w = F.layer_norm(
                w[i, j] + F.gelu(layer.token_output.weight @ h + layer.token_output.bias),
                (8,),
                layer.token_norm.weight,
                layer.token_norm.bias,
                1e-12,
            )
            want_e = F.layer_norm(
                e[i, j] + F.gelu(layer.entity_output.weight @ h + layer.entity_output.bias),
                (6,),
                layer.entity_norm.weight,
                layer.entity_norm.bias,
                1e-12,
            )
            torch.testing.assert_close(out_w[i, j], want_w, atol=1e-5, rtol=1e-5)
            torch.testing.assert_close(out_e[i, j], want_e, atol=1e-5, rtol=1e-5)


def _encoder(**kw):
    bert = dict(
        vocab_size=30,
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=16,
        hidden_dropout_prob=0.0,
        attention_probs_dropout_prob=0.0,
    )
    return ErnieEncoder(bert, num_aggregators=2, num_entities=10, entity_size=8, **kw).eval()


def test_encoder_entities_change_outputs_and_the_no_entity_ablation_ignores_them():
    torch.manual_seed(0)
    enc = _encoder()
    ids = torch.tensor([[2, 5, 6, 7, 3], [2, 8, 9, 3, 0]])
    att = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 1, 0]])
    ents = torch.tensor([[0, 4, 0, 0, 0], [0, 0, 0, 0, 0]])  # the second row has no entity
    with_e = enc(ids, att, None, ents)['token_hidden']
    none = enc(ids, att, None, torch.zeros_like(ents))['token_hidden']
    assert torch.isfinite(with_e).all()
    assert (with_e[0] - none[0]).abs().max() > 1e-4
    torch.testing.assert_close(with_e[1], none[1])
    enc.use_entities = False
    torch.testing.assert_close(enc(ids, att, None, ents)['token_hidden'], none)
    # The TransE table is a frozen buffer, not a parameter.
    assert 'entity_table' not in dict(enc.named_parameters())


def test_entity_id_outside_the_table_is_one_line():
    enc = _encoder()
    try:
        enc(torch.tensor([[2, 3]]), None, None, torch.tensor([[0, 11]]))
    except ValueError as err:
        assert 'id 10 outside the 10-entity table' in str(err) and '\n' not in str(err)
    else:
        raise AssertionError('no error')


def test_dea_head_softmax_over_the_batch_entities():
    torch.manual_seed(0)
    head = DEAHead(4, 3)
    hidden = torch.randn(2, 3, 4)
    labels = torch.tensor([[-100, 7, -100], [2, -100, 7]])
    table = torch.randn(11, 3)
    out = head.loss(hidden, labels, table)
    cands = torch.tensor([2, 7])
    logits = (
        head.proj(torch.stack([hidden[0, 1], hidden[1, 0], hidden[1, 2]])) @ table[cands + 1].t()
    )
    torch.testing.assert_close(out['loss_dea'], F.cross_entropy(logits, torch.tensor([1, 0, 1])))


def test_typing_model_loss_and_predict():
    torch.manual_seed(0)
    bert = dict(
        vocab_size=30,
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=16,
    )
    model = ErnieEntityTyping(
        dict(type='ErnieEncoder', bert=bert, num_aggregators=1, num_entities=10, entity_size=8),
        num_classes=3,
        dea_weight=1.0,
    )
    inputs = dict(
        input_ids=[torch.tensor([2, 5, 6, 5, 3]), torch.tensor([2, 5, 9, 5, 7, 3])],
        input_ents=[torch.tensor([0, 0, 3, 0, 0]), torch.tensor([0, 0, 4, 0, 0, 0])],
        ent_mask=[torch.tensor([0, 0, 1, 0, 0]), torch.tensor([0, 0, 1, 0, 0, 0])],
        mark_mask=[torch.tensor([0, 1, 0, 0, 0]), torch.tensor([0, 1, 0, 0, 0, 0])],
        ent_labels=[
            torch.tensor([-100, -100, 2, -100, -100]),
            torch.tensor([-100, -100, 3, -100, -100, -100]),
        ],
    )
    samples = [TextDataSample().set_gt_label([0, 2]), TextDataSample().set_gt_label([1])]
    data = model.data_preprocessor(dict(inputs=inputs, data_samples=samples), True)
    losses = model(**data, mode='loss')
    assert set(losses) == {'loss_typing', 'loss_dea', 'acc_dea'}
    assert data['inputs']['ent_labels'][0, -1] == -100  # padded with the ignore index
    preds = model(
        **model.data_preprocessor(dict(inputs=inputs, data_samples=samples)), mode='predict'
    )
    assert preds[0].pred_score.shape == (3,)
