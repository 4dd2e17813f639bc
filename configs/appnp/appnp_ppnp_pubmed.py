# APPNP on PubMed with the paper's protocol (ppnp's pubmed.npz). Paper: 79.73.
_base_ = ['./appnp_ppnp_cora_ml.py']
graph = dict(name='pubmed')
train_dataloader = dict(dataset=graph)
val_dataloader = dict(dataset=graph)
test_dataloader = dict(dataset=graph)
model = dict(backbone=dict(in_channels=500, out_channels=3))
