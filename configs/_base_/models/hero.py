# HERO (reference size): 768-d, 12 heads, 6 cross-modal + 3 temporal layers, 4352-d frames
# (2048 ResNet + 2304 SlowFast), RoBERTa vocabulary; pre-training ratio MLM:MNCE:FOM:VSM = 2:2:1:2,
# one task per step.
model = dict(
    type='HERO',
    encoder=dict(
        feat_dim=4352,
        vocab_size=50265,
        pad_token_id=1,
        embed_dims=768,
        num_heads=12,
        feedforward_channels=3072,
        num_cross_layers=6,
        num_temporal_layers=3,
        max_frames=100,
        dropout=0.1,
        hierarchical=True,
    ),
    tasks=dict(mlm=2, mnce=2, fom=1, vsm=2),
    task_sampling='ratio',
    mask_token_id=50264,
    mask_prob=0.15,
    vsm_margin=0.1,
)
