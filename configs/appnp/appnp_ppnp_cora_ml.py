# APPNP on Cora-ML with the paper's protocol (one split; tools/analysis_tools/reproduce_graph.py
# runs 20 splits x 5 seeds). Paper: 85.09-85.29.
_base_ = [
    '../_base_/models/appnp.py',
    '../_base_/datasets/ppnp_cora_ml.py',
    '../_base_/schedules/appnp_early_stopping.py',
]
model = dict(backbone=dict(in_channels=2879, out_channels=7))
