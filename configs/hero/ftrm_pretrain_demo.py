# Ablation F-TRM: one flat BERT-like encoder over all frames and subtitle tokens (as many layers
# as HERO's two stacks together), pre-trained with MLM + MNCE.
_base_ = ['./hero_pretrain_demo.py']

model = dict(encoder=dict(hierarchical=False), tasks=dict(_delete_=True, mlm=2, mnce=2))
