# Transfer: test a model trained with igmc_ml100k_demo.py on another generated population (other
# users and items, same planted rule); IGMC reads only the local rating graph, so no ids carry.
# python tools/misc/make_demo_data.py --only movielens movielens_transfer
# python tools/test.py configs/igmc/igmc_ml100k_demo_transfer.py work_dirs/igmc_ml100k_demo/epoch_4.pth
_base_ = ['./igmc_ml100k_demo.py']
test_dataloader = dict(dataset=dict(data_root='data/demo/ml-100k-transfer'))
