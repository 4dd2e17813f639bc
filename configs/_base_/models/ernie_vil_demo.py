# ERNIE-ViL at CPU-demo size for the generated scenes: 128-d detector features with 3 shape
# classes + background, the scenes' word-level vocabulary ([MASK] = 4, 6 special tokens), 64-d
# streams, 1 text layer + 2 co-attention blocks, no dropout.
_base_ = ['./ernie_vil_base.py']

model = dict(
    encoder=dict(
        vocab_size=26,
        feat_dim=128,
        text_dims=64,
        image_dims=64,
        num_heads=4,
        text_ffn=128,
        image_ffn=128,
        num_text_layers=1,
        num_co_layers=2,
        fusion_dims=64,
        max_position_embeddings=40,
        dropout=0.0,
    ),
    num_region_classes=4,
    mask_token_id=4,
    num_special_tokens=6,
    cloze_candidates=dict(object=3, attribute=6, relation=4),
)
