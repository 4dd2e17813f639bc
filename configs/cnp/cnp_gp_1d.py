# Seed 003 (DeepMind's CNP notebook): 1-D regression on GP curves, Adam 1e-4, batch 64,
# 2e5 iterations, max 10 context points; the notebook plots every 2e4 iterations.
_base_ = [
    '../_base_/models/cnp.py',
    '../_base_/datasets/gp_curves.py',
    '../_base_/schedules/adam_iters.py',
]
default_hooks = dict(logger=dict(interval=1000), checkpoint=dict(interval=20000))
# the notebook's plot: mean +- 2 sigma on a fixed test curve every 2e4 iterations (PNG files in
# <log_dir>/bands; out_dir=None sends them to TensorBoard instead)
custom_hooks = [dict(type='PredictiveBandHook', interval=20000)]
