# The generated HowTo100M (tools/misc/make_demo_data.py --only howto100m): 240 training videos,
# 64-d 2D and 3D features, 200 test clips of 40 held-out videos (chance R@1 = 0.5%).
_base_ = ['./howto100m.py']

data_root = 'data/demo/howto100m/'
demo_dataset = dict(data_root=data_root, word2vec='word2vec.bin', cache_features=True)
train_dataloader = dict(
    batch_size=64,
    num_workers=0,
    persistent_workers=False,
    batch_sampler=dict(clips_per_video=4),
    dataset=demo_dataset,
)
val_dataloader = dict(num_workers=0, dataset=dict(**demo_dataset, clip_list='test_clips.csv'))
test_dataloader = val_dataloader
