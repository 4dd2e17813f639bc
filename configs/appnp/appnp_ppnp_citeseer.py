# APPNP on CiteSeer with the paper's protocol (ppnp's citeseer.npz). Paper: 75.73-75.83.
_base_ = ['./appnp_ppnp_cora_ml.py']
graph = dict(name='citeseer')
train_dataloader = dict(dataset=graph)
val_dataloader = dict(dataset=graph)
test_dataloader = dict(dataset=graph)
model = dict(backbone=dict(in_channels=3703, out_channels=6))
