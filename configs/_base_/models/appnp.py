# APPNP (Klicpera et al., ICLR 2019): 2-layer MLP (64 hidden, dropout 0.5, no biases), K=10 power
# iterations of personalized PageRank with alpha=0.1; L2 5e-3 on the first layer only.
model = dict(
    type='NodeClassifier',
    backbone=dict(
        type='APPNP',
        in_channels=1433,
        out_channels=7,
        hidden_channels=[64],
        dropout=0.5,
        alpha=0.1,
        K=10,
        adj_dropout=0.0,
    ),
    head=dict(type='NodeClsHead'),
    l2_reg=5e-3,
    l2_reg_params=['backbone.mlp.lins.0'],
)
