# Train the MLP alone and propagate only at inference (the paper's Fig. 5 ablation, the post's
# line-906 observation): most of the gain of propagation survives.
_base_ = ['./appnp_planetoid_sbm_demo.py']
model = dict(backbone=dict(propagate_train=False, propagate_eval=True))
