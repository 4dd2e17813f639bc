# No-graph baseline on the demo: a 2-layer MLP on the paper features alone.
_base_ = ['./hgt_ogbn_mag_demo.py']
model = dict(
    _delete_=True,
    type='NodeClassifier',
    backbone=dict(
        type='NodeMLP', in_channels=16, hidden_channels=[32], out_channels=4, dropout=0.2
    ),
    head=dict(type='NodeClsHead'),
)
graph = dict(homogeneous=True)
train_dataloader = dict(dataset=graph)
val_dataloader = dict(dataset=graph)
test_dataloader = dict(dataset=graph)
