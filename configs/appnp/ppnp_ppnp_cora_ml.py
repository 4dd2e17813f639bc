# PPNP (exact personalized PageRank, dense 2810 x 2810) on Cora-ML with the paper's protocol.
_base_ = ['./appnp_ppnp_cora_ml.py']
model = dict(
    backbone=dict(
        _delete_=True,
        type='PPNP',
        in_channels=2879,
        out_channels=7,
        hidden_channels=[64],
        dropout=0.5,
        alpha=0.1,
    )
)
