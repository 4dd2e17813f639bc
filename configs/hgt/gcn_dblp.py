# Homogeneous baseline: a 2-layer GCN on the same graph with its types forgotten (all nodes share
# the 334-term feature space), same split and seeds.
_base_ = ['./mlp_dblp.py']
model = dict(
    backbone=dict(_delete_=True, type='GCN', in_channels=334, hidden_channels=[64], out_channels=4)
)
