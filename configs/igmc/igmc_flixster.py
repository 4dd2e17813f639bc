# IGMC on Monti et al.'s Flixster (paper RMSE 0.872): training_test_dataset.mat (MATLAB v7.3),
# ratings 0.5..5 in 0.5 steps = 10 edge types. Douban (1..5): data_root=data/douban and
# model.num_relations=5; YahooMusic (1..100): num_rating_classes=5 and model.num_relations=5.
_base_ = ['./igmc_ml100k_u1.py']
model = dict(num_relations=10)
ratings = dict(
    _delete_=True,
    type='MontiMatDataset',
    data_root='data/flixster',
    hop=1,
    max_nodes_per_hop=200,
    cache_dir='data/cache/igmc_flixster',
)
train_dataloader = dict(dataset=dict(**ratings, split='train'))
val_dataloader = dict(dataset=dict(**ratings, split='test'))
test_dataloader = val_dataloader
train_cfg = dict(max_epochs=40)  # the reference's Flixster/Douban/YahooMusic command: 40 epochs
