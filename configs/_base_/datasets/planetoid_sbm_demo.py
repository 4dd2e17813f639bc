# The generated planted-partition graph in the Planetoid format
# (python tools/misc/make_demo_data.py --only planetoid): 1500 nodes, 4 classes, 300 words.
_base_ = ['./planetoid_cora.py']
graph = dict(data_root='data/demo/planetoid', name='sbm')
train_dataloader = dict(dataset=graph)
val_dataloader = dict(dataset=graph)
test_dataloader = dict(dataset=graph)
