# CPU demo of ERNIE's pre-training (MLM + NSP + dEA) on the generated typing corpus's pairs, with
# its graph's TransE kg_embed; the encoder of ernie_typing_demo.py (configs/ernie/README.md).
_base_ = ['../_base_/datasets/ernie_pretrain_demo.py', '../_base_/default_runtime.py']

model = dict(
    type='ErniePretrainModel',
    dea_weight=1.0,
    encoder=dict(
        type='ErnieEncoder',
        bert=dict(
            vocab_size=128,
            hidden_size=64,
            num_hidden_layers=2,
            num_attention_heads=4,
            intermediate_size=128,
            max_position_embeddings=64,
        ),
        num_aggregators=2,
        kg_embed_dir='data/demo/ernie_typing/kg_embed',
    ),
)
max_iters = 300
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='AdamW', lr=1e-3, weight_decay=0.01),
    paramwise_cfg=dict(bypass_duplicate=True),
)
param_scheduler = [
    dict(type='LinearLR', start_factor=0.05, by_epoch=False, begin=0, end=50),
    dict(
        type='LinearLR', start_factor=1.0, end_factor=0.0, by_epoch=False, begin=50, end=max_iters
    ),
]
train_cfg = dict(type='IterBasedTrainLoop', max_iters=max_iters, val_interval=150)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
default_hooks = dict(
    logger=dict(interval=50), checkpoint=dict(interval=max_iters, by_epoch=False, max_keep_ckpts=1)
)
log_processor = dict(by_epoch=False)
