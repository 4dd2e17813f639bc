# HERO at CPU-demo size for the generated TV corpus: 32-d frames, its 81-token WordPiece
# vocabulary ([MASK] = 4), 64-d, 2 cross-modal + 1 temporal layers, no dropout.
_base_ = ['./hero.py']

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
)
