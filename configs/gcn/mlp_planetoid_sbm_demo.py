# The no-graph baseline: a 2-layer MLP on the node features of the generated graph.
_base_ = ['./gcn_planetoid_sbm_demo.py']
model = dict(
    backbone=dict(
        _delete_=True, type='NodeMLP', in_channels=300, hidden_channels=[64], out_channels=4
    )
)
