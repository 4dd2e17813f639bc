# The generated demo corpus (python tools/misc/make_demo_data.py --only text_corpus): sentences
# are short, so 32 tokens hold every one; single-process loading suits 2 cores.
_base_ = ['./text_corpus_mlm.py']

data_root = 'data/demo/text_corpus'
tokenizer = dict(type='WordPieceTokenizer', vocab_file=data_root + '/vocab.txt')
max_length = 32
train_pipeline = [
    dict(type='TokenizeText', tokenizer=tokenizer, max_length=max_length),
    dict(type='MaskTokens', tokenizer=tokenizer, mask_prob=0.15, unit='token'),
    dict(type='PackTextInputs'),
]
test_pipeline = [
    dict(type='TokenizeText', tokenizer=tokenizer, max_length=max_length),
    dict(type='MaskTokens', tokenizer=tokenizer, mask_prob=0.15, deterministic=True),
    dict(type='PackTextInputs'),
]
train_dataloader = dict(
    batch_size=32,
    num_workers=0,
    persistent_workers=False,
    dataset=dict(data_root=data_root, pipeline=train_pipeline),
)
val_dataloader = dict(
    batch_size=64,
    num_workers=0,
    persistent_workers=False,
    dataset=dict(data_root=data_root, pipeline=test_pipeline),
)
test_dataloader = val_dataloader
