# IGMC: 4 R-GCN layers x 32 (5 rating relations, 4 bases), MLP 128, dropout 0.5, edge dropout
# 0.2, ARR lambda 1e-3.
model = dict(
    type='IGMC',
    in_channels=4,
    hidden_channels=[32, 32, 32, 32],
    num_relations=5,
    num_bases=4,
    mlp_channels=128,
    dropout=0.5,
    edge_dropout=0.2,
    arr_weight=1e-3,
)
