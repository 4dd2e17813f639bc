# The same network without propagation: an MLP on the features (the no-graph baseline).
_base_ = ['./appnp_planetoid_sbm_demo.py']
model = dict(backbone=dict(propagate_train=False, propagate_eval=False))
