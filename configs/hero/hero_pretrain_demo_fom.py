# HERO pre-training with FOM alone (the demo's schedule), to compare with its chance level.
_base_ = ['./hero_pretrain_demo.py']

model = dict(tasks=dict(_delete_=True, fom=1))
