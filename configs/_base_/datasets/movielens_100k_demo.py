# The generated ML-100K-format ratings with planted user/item groups
# (python tools/misc/make_demo_data.py --only movielens).
_base_ = ['./movielens_100k.py']
ratings = dict(data_root='data/demo/ml-100k', cache_dir=None)
train_dataloader = dict(dataset=ratings)
val_dataloader = dict(dataset=ratings)
test_dataloader = dict(dataset=ratings)
