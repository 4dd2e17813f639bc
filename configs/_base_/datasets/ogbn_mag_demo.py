# The generated OGB-MAG-layout graph (python tools/misc/make_demo_data.py --only ogbn_mag):
# 2000 papers 2011-2019, 4 venues flowing from authors and drifting every 3 years.
_base_ = ['./ogbn_mag.py']
graph = dict(data_root='data/demo/ogbn_mag/mag')
train_dataloader = dict(dataset=graph)
val_dataloader = dict(dataset=graph)
test_dataloader = dict(dataset=graph)
