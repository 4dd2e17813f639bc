# Ablation: the same encoder with no entity aligned anywhere (token-only fusion everywhere).
_base_ = ['./ernie_typing_demo.py']

model = dict(encoder=dict(use_entities=False))
