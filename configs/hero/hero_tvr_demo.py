# TVR fine-tuning on the demo corpus (from scratch; add --cfg-options load_from=<pre-trained
# checkpoint> for the pre-trained rows of the ablation).
_base_ = [
    '../_base_/models/hero_demo.py',
    '../_base_/datasets/tvr_demo.py',
    '../_base_/schedules/hero_demo.py',
]

model = dict(tasks=dict(_delete_=True, tvr=1))
