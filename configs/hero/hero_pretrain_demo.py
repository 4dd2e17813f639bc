# CPU demo of HERO pre-training on the generated TV corpus: every task in each step
# (task_sampling='sum', weights 2:2:1:2) so that each one learns within the demo's minutes.
_base_ = [
    '../_base_/models/hero_demo.py',
    '../_base_/datasets/tv_demo.py',
    '../_base_/schedules/hero_demo.py',
]

model = dict(task_sampling='sum')
