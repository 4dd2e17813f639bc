# CPU demo: a 2+2-layer, 64-wide ERNIE types mentions it never saw in training text from their
# TransE vectors alone (data: configs/ernie/README.md). Compare ernie_typing_demo_no_entities.py.
_base_ = [
    '../_base_/models/ernie_base_typing.py',
    '../_base_/datasets/ernie_typing_demo.py',
    '../_base_/schedules/ernie_finetune.py',
    '../_base_/default_runtime.py',
]

model = dict(
    num_classes=5,
    encoder=dict(
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
optim_wrapper = dict(optimizer=dict(lr=1e-3))
train_cfg = dict(max_epochs=10, val_interval=5)
default_hooks = dict(logger=dict(interval=5), checkpoint=dict(interval=10, save_best=None))
