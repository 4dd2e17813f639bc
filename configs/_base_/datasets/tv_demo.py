# The generated TV corpus in HERO's layout (tools/misc/make_demo_data.py --only tv): 96 + 24
# videos, 32-d frames every 1.5 s, WordPiece vocabulary. Pre-training reads videos + subtitles.
data_root = 'data/demo/tv/'
video_args = dict(
    data_root=data_root,
    feature_dir='video_feats',
    id2nframe='id2nframe.json',
    subtitle_file='subtitles.jsonl',
    tokenizer=dict(type='WordPieceTokenizer', vocab_file='vocab.txt'),
    frame_duration=1.5,
)
train_dataloader = dict(
    batch_size=16,
    num_workers=0,
    sampler=dict(type='InfiniteSampler', shuffle=True),
    collate_fn=dict(type='mmblog.hero_collate'),
    dataset=dict(type='VideoSubtitleDataset', video_list='train_videos.txt', **video_args),
)
val_dataloader = dict(
    batch_size=24,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='mmblog.hero_collate'),
    dataset=dict(type='VideoSubtitleDataset', video_list='val_videos.txt', **video_args),
)
test_dataloader = val_dataloader
val_evaluator = dict(type='TaskAccuracy')
test_evaluator = val_evaluator
