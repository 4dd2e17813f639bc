"""ERNIE (THU): pre-training objective (MLM + NSP + dEA) on the indexed dataset, and the
relation-classification head on FewRel-style json."""

import json

import numpy as np
import pytest
import torch

from mmblog.datasets.text import ErniePretrainDataset, FewRelDataset, write_indexed_dataset
from mmblog.models.text.ernie import ErniePretrainModel, ErnieRelationClassification
from mmblog.utils import register_all_modules
from mmblog.utils.data_check import DataFormatError

# FewRelDataset builds its pipeline through mmengine's scope: make it mmblog's.
register_all_modules()

ENCODER = dict(
    type='ErnieEncoder',
    bert=dict(
        vocab_size=30,
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=32,
    ),
    num_aggregators=1,
    num_entities=6,
    entity_size=8,
    num_entity_heads=2,
)
TOKENIZER_FREE_PIPELINE = [
    dict(type='DenoiseEntities', num_entities=6, replace_prob=0.0, mask_prob=1.0),
    dict(
        type='PackTextInputs',
        input_keys=('input_ids', 'token_type_ids', 'input_ents', 'ent_mask', 'ent_labels'),
    ),
]


def _pairs(tmp_path, label=1):
    items = [
        np.array([[2, 7, 9, 3, 8, 3], [0, 0, 0, 0, 1, 1], [0, 5, 0, 0, 2, 0], [0, 0, 0, 0, 0, 0]]),
        np.array([[2, 8, 3, 9, 3], [0, 0, 0, 1, 1], [0, 2, 0, 3, 0], [label, 0, 0, 0, 0]]),
    ]
    prefix = str(tmp_path / 'pretrain' / 'train')
    write_indexed_dataset(prefix, [i.astype(np.int32) for i in items])
    return prefix


def _batch(ds):
    items = [ds[i] for i in range(len(ds))]
    for it in items:  # the masked-LM labels MaskTokens would add: position 2 is masked
        labels = torch.full_like(it['inputs']['input_ids'], -100)
        labels[2] = it['inputs']['input_ids'][2]
        it['data_samples'].mlm_labels = labels
    return dict(
        inputs={k: [it['inputs'][k] for it in items] for k in items[0]['inputs']},
        data_samples=[it['data_samples'] for it in items],
    )


def test_pretrain_losses_and_the_no_dea_ablation(tmp_path):
    ds = ErniePretrainDataset(
        _pairs(tmp_path),
        num_entities=6,
        label_row=3,
        special_token_ids=(2, 3),
        pipeline=TOKENIZER_FREE_PIPELINE,
    )
    assert ds[1]['data_samples'].gt_label.tolist() == [1]
    model = ErniePretrainModel(encoder=ENCODER, dea_weight=1.0)
    assert model.mlm_head.decoder.weight is model.encoder.bert.embeddings.word_embeddings.weight
    data = model.data_preprocessor(_batch(ds), True)
    losses = model(**data, mode='loss')
    assert {k for k in losses if k.startswith('loss_')} == {'loss_mlm', 'loss_nsp', 'loss_dea'}
    # dEA candidates are the batch's entities {1, 2, 4}: its loss is a 3-way cross-entropy.
    assert 0 < float(losses['loss_dea']) < 5
    model.eval()
    out = model(**model.data_preprocessor(_batch(ds), False), mode='predict')
    assert out[0].mlm['total'] == 1 and out[0].nsp['total'] == 1
    assert out[0].dea['total'] == 2 and out[0].dea['chance'] == pytest.approx(2 / 3)
    no_dea = ErniePretrainModel(encoder=ENCODER, dea_weight=0.0)
    losses = no_dea(**no_dea.data_preprocessor(_batch(ds), True), mode='loss')
    assert 'loss_dea' not in losses


def test_pretrain_label_row_outside_0_1_is_one_line(tmp_path):
    ds = ErniePretrainDataset(_pairs(tmp_path, label=2), num_entities=6, label_row=3)
    with pytest.raises(
        DataFormatError, match=r'train: item 1: field next_sentence_label: 2 is not 0/1'
    ):
        ds[1]


def _fewrel(tmp_path):
    recs = [
        dict(
            text='ab works with cd .',
            label='works_with',
            ents=[['ab', 0, 2, 1.0], ['cd', 14, 16, 1.0]],
            ann=[['Q1', 0, 2, 0.9], ['Q2', 14, 16, 0.9]],
        ),
        dict(
            text='cd lives near ab .',
            label='lives_near',
            ents=[['cd', 0, 2, 1.0], ['ab', 14, 16, 1.0]],
            ann=[['Q2', 0, 2, 0.9], ['Q1', 14, 16, 0.9]],
        ),
    ]
    (tmp_path / 'fewrel.json').write_text(json.dumps(recs))
    (tmp_path / 'entity2id.txt').write_text('2\nQ1\t0\nQ2\t1\n')
    words = '[PAD] [UNK] [CLS] [SEP] [MASK] [ENT] [HD] [TL] works with lives near . a b c d'
    (tmp_path / 'vocab.txt').write_text('\n'.join(words.split()) + '\n')
    tok = dict(
        type='WordPieceTokenizer',
        vocab_file=str(tmp_path / 'vocab.txt'),
        extra_special_tokens=['[ENT]', '[HD]', '[TL]'],
    )
    return FewRelDataset(
        ann_file=str(tmp_path / 'fewrel.json'),
        metainfo=dict(classes=['works_with', 'lives_near']),
        pipeline=[
            dict(type='MarkEntityMention'),
            dict(type='TokenizeText', tokenizer=tok, max_length=32),
            dict(
                type='AlignEntities', entity2id_file=str(tmp_path / 'entity2id.txt'), tokenizer=tok
            ),
            dict(
                type='PackTextInputs',
                input_keys=(
                    'input_ids',
                    'token_type_ids',
                    'attention_mask',
                    'input_ents',
                    'ent_mask',
                ),
            ),
        ],
    )


def test_relation_head_marks_head_and_tail_and_learns(tmp_path):
    ds = _fewrel(tmp_path)
    item = ds[0]
    ids = item['inputs']['input_ids'].tolist()
    assert ids.count(6) == 2 and ids.count(7) == 2  # [HD] x2, [TL] x2 around head and tail
    assert (item['inputs']['input_ents'] > 0).sum() == 2
    torch.manual_seed(0)
    model = ErnieRelationClassification(
        encoder=dict(ENCODER, bert=dict(ENCODER['bert'], vocab_size=17)), num_classes=2, dropout=0.0
    )
    batch = dict(
        inputs={k: [ds[i]['inputs'][k] for i in range(2)] for k in item['inputs']},
        data_samples=[ds[i]['data_samples'] for i in range(2)],
    )
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    for _ in range(30):
        losses = model(**model.data_preprocessor(batch, True), mode='loss')
        opt.zero_grad()
        losses['loss_relation'].backward()
        opt.step()
    model.eval()
    out = model(**model.data_preprocessor(batch, False), mode='predict')
    assert [int(s.pred_label) for s in out] == [0, 1]
    assert float(losses['loss_relation']) < 0.1
