# IGMC on MovieLens-100K u1 as the reference code ran (PyG 1.4.2, `--dynamic-train`): R-GCN
# messages summed over neighbours instead of averaged, 1.4.2's initialisation, and training
# subgraphs resampled every epoch. Same schedule as igmc_ml100k_u1.py.
_base_ = ['./igmc_ml100k_u1.py']
model = dict(aggr='add', reference_init=True)
train_dataloader = dict(dataset=dict(resample_each_epoch=True))
custom_hooks = [dict(type='DatasetEpochHook')]
