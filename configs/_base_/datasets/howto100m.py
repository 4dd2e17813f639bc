# HowTo100M in the reference layout (see configs/howto100m/README.md for the files) for
# training, and a YouCook2-style clip list (video_id,start,end,sentence) for retrieval.
data_root = 'data/howto100m/'
clip_dataset = dict(
    type='HowTo100MDataset',
    data_root=data_root,
    video_csv='HowTo100M_v1.csv',
    features_2d='features_2d',
    features_3d='features_3d',
    word2vec='GoogleNews-vectors-negative300.bin',
    min_time=5.0,
    max_words=20,
    cache_features=False,
)
# Reference batch: 32 videos x 64 clips.
train_dataloader = dict(
    batch_size=2048,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='InfiniteSampler', shuffle=True),
    batch_sampler=dict(type='IntraVideoBatchSampler', clips_per_video=64),
    collate_fn=dict(type='default_collate'),
    dataset=dict(**clip_dataset, caption_file='caption.pickle'),
)
val_dataloader = dict(
    batch_size=256,
    num_workers=2,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='default_collate'),
    dataset=dict(**clip_dataset, caption_file=None, clip_list='youcook2_val_clips.csv'),
)
test_dataloader = val_dataloader
val_evaluator = dict(type='RetrievalMetric', ks=(1, 5, 10))
test_evaluator = val_evaluator
