# 2-layer GCN node classifier (16 hidden, dropout 0.5): Cora's sizes.
model = dict(
    type='NodeClassifier',
    backbone=dict(type='GCN', in_channels=1433, hidden_channels=[16], out_channels=7, dropout=0.5),
    head=dict(type='NodeClsHead'),
)
