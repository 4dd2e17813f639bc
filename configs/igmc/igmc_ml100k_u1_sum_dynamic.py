# IGMC on MovieLens-100K u1 with the layer the reference code ran and its `--dynamic-train`:
# R-GCN messages summed over neighbours (PyG 1.4.2's RGCNConv without edge_norm) instead of the
# paper formula's per-relation mean, and training subgraphs resampled every epoch. The
# initialisation stays current PyG's: 1.4.2's (`model.reference_init=True`) left the demo at the
# global mean for 16 epochs. Same schedule as igmc_ml100k_u1.py.
_base_ = ['./igmc_ml100k_u1.py']
model = dict(aggr='add')
train_dataloader = dict(dataset=dict(resample_each_epoch=True))
custom_hooks = [dict(type='DatasetEpochHook')]
