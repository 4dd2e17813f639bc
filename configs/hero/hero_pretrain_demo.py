# CPU demo of HERO pre-training on the generated TV corpus: a 64-d, 2 + 1 layer model, every
# task in each step (task_sampling='sum', weights 2:2:1:2) so each one learns in minutes.
_base_ = [
    '../_base_/models/hero.py',
    '../_base_/datasets/tv_demo.py',
    '../_base_/schedules/adam_iters.py',
    '../_base_/default_runtime.py',
]

model = dict(
    encoder=dict(
        feat_dim=32,
        vocab_size=81,
        pad_token_id=0,
        embed_dims=64,
        num_heads=2,
        feedforward_channels=128,
        num_cross_layers=2,
        num_temporal_layers=1,
        dropout=0.0,
    ),
    mask_token_id=4,
    task_sampling='sum',
)
optim_wrapper = dict(optimizer=dict(lr=1e-3))
train_cfg = dict(max_iters=400, val_interval=200)
default_hooks = dict(
    logger=dict(interval=50), checkpoint=dict(interval=400, by_epoch=False, max_keep_ckpts=1)
)
log_processor = dict(by_epoch=False)
