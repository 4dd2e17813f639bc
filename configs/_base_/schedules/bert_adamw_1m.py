# BERT's pre-training schedule: Adam(W) lr 1e-4, beta2 0.999, weight decay 0.01, 10k warm-up
# steps then linear decay to 0 at 1M steps (batch 256).
max_iters = 1000000
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='AdamW', lr=1e-4, betas=(0.9, 0.999), weight_decay=0.01, eps=1e-6),
    # bypass_duplicate: the masked-LM decoder shares the word-embedding weight.
    paramwise_cfg=dict(norm_decay_mult=0.0, bias_decay_mult=0.0, bypass_duplicate=True),
)
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-4, by_epoch=False, begin=0, end=10000),
    dict(type='LinearLR', start_factor=1.0, end_factor=0.0, by_epoch=False, begin=10000, end=max_iters),
]
train_cfg = dict(type='IterBasedTrainLoop', max_iters=max_iters, val_interval=100000)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
