# The generated ERNIE-ViL scenes (make demo-data --only ernie_vil_scenes) with region features
# from tools/misc/extract_region_features.py: pre-train on the train captions, cloze test on the
# held-out val scenes. feature_source 'gt' pools at the annotated boxes, 'det' at detections.
data_root = 'data/demo/ernie_vil_scenes/'
feature_source = 'gt'
common = dict(
    type='ErnieVilCaptionDataset',
    data_root=data_root,
    tokenizer=dict(type='WordPieceTokenizer', vocab_file='vocab.txt'),
    max_regions=36,
)
train_dataloader = dict(
    batch_size=32,
    num_workers=0,
    sampler=dict(type='InfiniteSampler', shuffle=True),
    collate_fn=dict(type='mmblog.ernie_vil_collate'),
    dataset=dict(
        caption_file='captions_train.jsonl',
        feature_file=f'feats_{feature_source}_train.lmdb',
        mode='pretrain',
        **common,
    ),
)
val_dataloader = dict(
    batch_size=64,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='mmblog.ernie_vil_collate'),
    dataset=dict(
        caption_file='captions_val.jsonl',
        feature_file=f'feats_{feature_source}_val.lmdb',
        mode='cloze',
        **common,
    ),
)
test_dataloader = val_dataloader
val_evaluator = dict(type='TaskAccuracy', prefix='cloze')
test_evaluator = val_evaluator
