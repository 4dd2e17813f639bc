# No-graph baseline: a 2-layer MLP on the author features alone (same split, same seeds).
_base_ = ['./hgt_dblp.py']
model = dict(
    _delete_=True,
    type='NodeClassifier',
    backbone=dict(
        type='NodeMLP', in_channels=334, hidden_channels=[64], out_channels=4, dropout=0.5
    ),
    head=dict(type='NodeClsHead'),
)
graph = dict(homogeneous=True)
train_dataloader = dict(dataset=graph)
val_dataloader = dict(dataset=graph)
test_dataloader = dict(dataset=graph)
optim_wrapper = dict(optimizer=dict(lr=0.01, weight_decay=5e-4))
