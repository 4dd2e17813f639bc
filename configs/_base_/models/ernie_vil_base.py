# ERNIE-ViL base (reference size): ViLBERT's two streams, text 768-d / 12 heads, image 1024-d,
# 6 text-only layers then 6 co-attention blocks, 2048-d bottom-up features with 1601 classes
# (1600 Visual Genome objects + background); SGP + MLM + masked region prediction + ITM.
model = dict(
    type='ErnieVil',
    encoder=dict(
        vocab_size=30522,
        feat_dim=2048,
        text_dims=768,
        image_dims=1024,
        num_heads=8,
        text_ffn=3072,
        image_ffn=1024,
        num_text_layers=6,
        num_co_layers=6,
        fusion_dims=1024,
        max_position_embeddings=512,
        dropout=0.1,
    ),
    tasks=dict(sgp=1, mlm=1, mrp=1, itm=1),
    num_region_classes=1601,
    mask_token_id=103,
    num_special_tokens=1000,
    sgp_prob=0.3,
    mlm_prob=0.15,
    mrp_prob=0.15,
)
