# Ablation F-TRM on TVR (from scratch, or load_from an ftrm_pretrain_demo checkpoint).
_base_ = ['./hero_tvr_demo.py']

model = dict(encoder=dict(hierarchical=False))
