# CPU demo: ERNIE's relation-classification head ([HD]/[TL] marks, pooled [CLS]) on generated
# FewRel-style json; the same 2+2-layer, 64-wide encoder as ernie_typing_demo.py.
_base_ = [
    '../_base_/datasets/fewrel_demo.py',
    '../_base_/schedules/ernie_finetune.py',
    '../_base_/default_runtime.py',
]

model = dict(
    type='ErnieRelationClassification',
    num_classes=4,
    encoder=dict(
        type='ErnieEncoder',
        bert=dict(
            vocab_size=160,
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
optim_wrapper = dict(optimizer=dict(lr=1e-3))
train_cfg = dict(max_epochs=4, val_interval=2)
param_scheduler = [
    dict(
        type='LinearLR', start_factor=0.1, by_epoch=True, begin=0, end=1, convert_to_iter_based=True
    )
]
default_hooks = dict(logger=dict(interval=5), checkpoint=dict(interval=4))
