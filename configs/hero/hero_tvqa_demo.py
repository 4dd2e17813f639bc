# TVQA fine-tuning on the demo corpus: multiple choice over 5 answers plus the span loss.
_base_ = [
    '../_base_/models/hero_demo.py',
    '../_base_/datasets/tvqa_demo.py',
    '../_base_/schedules/hero_demo.py',
]

model = dict(tasks=dict(_delete_=True, qa=1))
