# Generated FewRel-style relation data on the typing demo's entities
# (python tools/misc/make_demo_data.py --only ernie_relation; kg_embed: configs/ernie/README.md).
data_root = 'data/demo/ernie_typing'
kg_embed_dir = data_root + '/kg_embed'
classes = ['works_with', 'lives_near', 'competes_with', 'founded_by']
tokenizer = dict(
    type='WordPieceTokenizer',
    vocab_file=data_root + '/fewrel/vocab.txt',
    extra_special_tokens=['[ENT]', '[HD]', '[TL]'],
)
pipeline = [
    dict(type='MarkEntityMention', threshold=0.3),
    dict(type='TokenizeText', tokenizer=tokenizer, max_length=48),
    dict(type='AlignEntities', entity2id_file=kg_embed_dir + '/entity2id.txt', tokenizer=tokenizer),
    dict(
        type='PackTextInputs',
        input_keys=('input_ids', 'token_type_ids', 'attention_mask', 'input_ents', 'ent_mask'),
    ),
]
dataset = dict(
    type='FewRelDataset', data_root=data_root, metainfo=dict(classes=classes), pipeline=pipeline
)
train_dataloader = dict(
    batch_size=32,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='pseudo_collate'),
    dataset=dict(dataset, ann_file='fewrel/train.json'),
)
val_dataloader = dict(
    batch_size=64,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='pseudo_collate'),
    dataset=dict(dataset, ann_file='fewrel/dev.json'),
)
test_dataloader = dict(val_dataloader, dataset=dict(dataset, ann_file='fewrel/test.json'))
val_evaluator = dict(type='F1Score')
test_evaluator = val_evaluator
