# HERO pre-training with VSM alone (the demo's schedule), to compare with its chance level.
_base_ = ['./hero_pretrain_demo.py']

model = dict(tasks=dict(_delete_=True, vsm=1))
