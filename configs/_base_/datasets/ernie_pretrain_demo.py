# ERNIE pre-training pairs of the generated typing corpus in fairseq's indexed dataset
# (python tools/misc/make_demo_data.py --only ernie_pretrain): rows token / segment / entity /
# next-sentence label. MLM 15% (80/10/10), dEA noise 5% replace / 15% un-align / 80% keep.
data_root = 'data/demo/ernie_typing'
tokenizer = dict(
    type='WordPieceTokenizer',
    vocab_file=data_root + '/vocab.txt',
    extra_special_tokens=['[ENT]', '[HD]', '[TL]'],
)
num_entities = 245
pack = dict(
    type='PackTextInputs',
    input_keys=('input_ids', 'token_type_ids', 'input_ents', 'ent_mask', 'ent_labels'),
)
train_pipeline = [
    dict(type='MaskTokens', tokenizer=tokenizer, mask_prob=0.15, unit='token'),
    dict(type='DenoiseEntities', num_entities=num_entities),
    pack,
]
# Validation masks the same tokens every time and un-aligns every entity: dEA accuracy is then
# the accuracy of recovering each mention's entity from its tokens alone.
val_pipeline = [
    dict(type='MaskTokens', tokenizer=tokenizer, mask_prob=0.15, deterministic=True),
    dict(type='DenoiseEntities', num_entities=num_entities, replace_prob=0.0, mask_prob=1.0),
    pack,
]
dataset = dict(
    type='ErniePretrainDataset',
    num_entities=num_entities,
    label_row=3,
    special_token_ids=(0, 1, 2, 3, 4, 5, 6, 7),
)
train_dataloader = dict(
    batch_size=32,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='pseudo_collate'),
    dataset=dict(dataset, data_root=data_root, prefix='pretrain/train', pipeline=train_pipeline),
)
val_dataloader = dict(
    batch_size=64,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='pseudo_collate'),
    dataset=dict(dataset, data_root=data_root, prefix='pretrain/val', pipeline=val_pipeline),
)
test_dataloader = val_dataloader
val_evaluator = dict(type='TaskAccuracy')
test_evaluator = val_evaluator
