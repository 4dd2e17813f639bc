# SR-GNN on the generated DIGINETICA-format log (20 themes x 20 items + 60 shared hubs = 460
# items), about a minute on 2 CPU cores: the paper's model and schedule, 3 epochs.
_base_ = [
    '../_base_/models/srgnn.py',
    '../_base_/datasets/diginetica_demo.py',
    '../_base_/schedules/srgnn_adam_step3.py',
]
model = dict(num_items=460)
train_cfg = dict(max_epochs=3)
default_hooks = dict(logger=dict(interval=50))
