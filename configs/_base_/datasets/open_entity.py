# OpenEntity in ERNIE's json layout (data/OpenEntity/{train,dev,test}.json), the 9 general types,
# BERT's uncased vocab with ERNIE's marks, entities linked to the kg_embed of TransE.
data_root = 'data/OpenEntity'
kg_embed_dir = 'data/kg_embed'
classes = [
    'entity',
    'location',
    'time',
    'organization',
    'object',
    'event',
    'place',
    'person',
    'group',
]
tokenizer = dict(
    type='WordPieceTokenizer',
    vocab_file='data/bert_base_uncased/vocab.txt',
    extra_special_tokens=['[ENT]', '[HD]', '[TL]'],
)
max_length = 256
train_pipeline = [
    dict(type='MarkEntityMention', threshold=0.3),
    dict(type='TokenizeText', tokenizer=tokenizer, max_length=max_length),
    dict(type='AlignEntities', entity2id_file=kg_embed_dir + '/entity2id.txt', tokenizer=tokenizer),
    dict(
        type='PackTextInputs',
        input_keys=(
            'input_ids',
            'token_type_ids',
            'attention_mask',
            'input_ents',
            'ent_mask',
            'mark_mask',
            'ent_labels',
        ),
    ),
]
test_pipeline = train_pipeline
train_dataloader = dict(
    batch_size=16,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='pseudo_collate'),
    dataset=dict(
        type='OpenEntityDataset',
        data_root=data_root,
        ann_file='train.json',
        metainfo=dict(classes=classes),
        pipeline=train_pipeline,
    ),
)
val_dataloader = dict(
    batch_size=32,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='pseudo_collate'),
    dataset=dict(
        type='OpenEntityDataset',
        data_root=data_root,
        ann_file='dev.json',
        metainfo=dict(classes=classes),
        pipeline=test_pipeline,
    ),
)
test_dataloader = dict(
    val_dataloader, dataset=dict(val_dataloader['dataset'], ann_file='test.json')
)
val_evaluator = dict(type='MultiLabelF1')
test_evaluator = val_evaluator
