# SR-GNN on the generated DIGINETICA-format log (12 themes x 25 items + 60 shared hubs = 360
# items), about a minute on 2 CPU cores: the paper's model and schedule, 3 epochs.
_base_ = [
    '../_base_/models/srgnn.py',
    '../_base_/datasets/diginetica_demo.py',
    '../_base_/schedules/srgnn_adam_step3.py',
]
model = dict(num_items=360)
train_cfg = dict(max_epochs=3)
default_hooks = dict(logger=dict(interval=50))
