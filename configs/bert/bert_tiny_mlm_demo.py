# CPU demo: a 2-layer, 64-wide BERT learns the generated corpus's facts and sequences; held-out
# masked-token accuracy ends far above the best constant guess (about a minute of CPU time).
_base_ = [
    '../_base_/models/bert_base_mlm.py',
    '../_base_/datasets/text_corpus_mlm_demo.py',
    '../_base_/schedules/bert_adamw_1m.py',
    '../_base_/default_runtime.py',
]

max_iters = 1200
model = dict(
    encoder=dict(
        vocab_size=400,
        hidden_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        intermediate_size=128,
        max_position_embeddings=32,
        hidden_dropout_prob=0.0,
        attention_probs_dropout_prob=0.0,
    )
)
optim_wrapper = dict(optimizer=dict(lr=5e-3))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.01, by_epoch=False, begin=0, end=50),
    dict(
        type='LinearLR', start_factor=1.0, end_factor=0.0, by_epoch=False, begin=50, end=max_iters
    ),
]
train_cfg = dict(max_iters=max_iters, val_interval=400)
default_hooks = dict(
    logger=dict(interval=50), checkpoint=dict(interval=max_iters, by_epoch=False, max_keep_ckpts=1)
)
log_processor = dict(by_epoch=False)
