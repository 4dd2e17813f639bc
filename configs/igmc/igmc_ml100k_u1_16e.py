# IGMC on ML-100K u1 in 16 epochs, for machines without the reference's compute: its schedule
# with the x0.1 drop moved from epoch 50 to epoch 10 (epochs 1-10 are identical to the 80-epoch
# run), and the last four checkpoints (13-16) ensembled, as the reference ensembles 50/60/70/80.
_base_ = ['./igmc_ml100k_u1.py']
train_cfg = dict(max_epochs=16, val_interval=1)
param_scheduler = [dict(type='MultiStepLR', by_epoch=True, milestones=[10], gamma=0.1)]
default_hooks = dict(checkpoint=dict(interval=1, max_keep_ckpts=4))
