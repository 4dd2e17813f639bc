# Ablation H-TRM: HERO's hierarchical encoder pre-trained without HERO's new tasks (MLM + MNCE).
_base_ = ['./hero_pretrain_demo.py']

model = dict(tasks=dict(_delete_=True, mlm=2, mnce=2))
