# Exact PPNP (dense (I - (1 - alpha) A^)^-1, 1500 x 1500) on the generated planted-partition graph.
_base_ = ['./appnp_planetoid_sbm_demo.py']
model = dict(
    backbone=dict(
        _delete_=True,
        type='PPNP',
        in_channels=300,
        out_channels=4,
        hidden_channels=[64],
        dropout=0.5,
        alpha=0.1,
    )
)
