# Masked-LM on a plain-text corpus in BERT's pre-training format (one sentence a line, blank
# line between documents) with a local WordPiece vocab.txt: 15% of tokens, 80/10/10.
dataset_type = 'TextCorpusDataset'
data_root = 'data/bert_corpus'
tokenizer = dict(type='WordPieceTokenizer', vocab_file=data_root + '/vocab.txt')
max_length = 128

train_pipeline = [
    dict(type='TokenizeText', tokenizer=tokenizer, max_length=max_length),
    dict(type='MaskTokens', tokenizer=tokenizer, mask_prob=0.15, unit='token'),
    dict(type='PackTextInputs'),
]
# Held-out text is masked the same way at every evaluation (seeded by the sample index).
test_pipeline = [
    dict(type='TokenizeText', tokenizer=tokenizer, max_length=max_length),
    dict(type='MaskTokens', tokenizer=tokenizer, mask_prob=0.15, deterministic=True),
    dict(type='PackTextInputs'),
]

train_dataloader = dict(
    batch_size=256,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='InfiniteSampler', shuffle=True),
    collate_fn=dict(type='pseudo_collate'),
    dataset=dict(
        type=dataset_type, data_root=data_root, ann_file='train.txt', pipeline=train_pipeline
    ),
)
val_dataloader = dict(
    batch_size=256,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='pseudo_collate'),
    dataset=dict(type=dataset_type, data_root=data_root, ann_file='val.txt', pipeline=test_pipeline),
)
test_dataloader = val_dataloader
val_evaluator = dict(type='MaskedTokenAccuracy')
test_evaluator = val_evaluator
