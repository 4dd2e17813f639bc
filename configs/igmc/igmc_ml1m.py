# IGMC on MovieLens-1M (paper RMSE 0.857): ratings.dat, random 90/10 split, <= 100 nodes per hop.
_base_ = ['./igmc_ml100k_u1.py']
ratings = dict(
    data_root='data/ml-1m',
    train_file='ratings.dat',
    test_file=None,
    test_ratio=0.1,
    max_nodes_per_hop=100,
    cache_dir='data/cache/igmc_ml1m',
)
train_dataloader = dict(dataset=ratings)
val_dataloader = dict(dataset=ratings)
test_dataloader = dict(dataset=ratings)
