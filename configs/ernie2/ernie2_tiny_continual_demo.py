# CPU demo of ERNIE 2.0's continual multi-task pre-training on the generated seven-task corpus:
# a 2-layer, 64-wide encoder; 4 stages (word-aware: knowledge masking first, then
# capitalization + token-document relation; structure-aware; semantic-aware), 150 iterations per
# task. tools/analysis_tools/ernie2_schedule_table.py runs this and the two other schedules.
_base_ = [
    '../_base_/models/ernie2_base.py',
    '../_base_/datasets/ernie2_corpus_demo.py',
    '../_base_/default_runtime.py',
]

model = dict(
    encoder=dict(
        vocab_size=160,
        hidden_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        intermediate_size=128,
        max_position_embeddings=64,
        hidden_dropout_prob=0.0,
        attention_probs_dropout_prob=0.0,
    )
)
train_cfg = dict(
    type='Ernie2ContinualLoop',
    schedule='continual',
    stages=[
        ['knowledge_masking'],
        ['capitalization', 'token_document_relation'],
        ['sentence_reordering', 'sentence_distance'],
        ['discourse_relation', 'ir_relevance'],
    ],
    iters_per_task=300,
    maintenance_ratio=0.2,
)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='AdamW', lr=3e-3, betas=(0.9, 0.98), weight_decay=0.01),
    paramwise_cfg=dict(bypass_duplicate=True),
)
param_scheduler = [dict(type='LinearLR', start_factor=0.05, by_epoch=False, begin=0, end=50)]
default_hooks = dict(
    logger=dict(interval=50), checkpoint=dict(type='CheckpointHook', interval=-1, by_epoch=False)
)
log_processor = dict(by_epoch=False)
