# VQ-VAE-2 (Razavi et al., 2019, appendix A.2): 256px -> bottom 64x64 / top 32x32 codes, K=512,
# D=64, EMA codebooks (decay 0.99), beta=0.25. The top encoder has the reference implementation's
# shape (rosinality/vq-vae-2-pytorch: strided conv 128->64, then a 3x3 conv 64->128).
model = dict(
    type='VQVAE2',
    data_preprocessor=dict(type='ImgDataPreprocessor', mean=[127.5] * 3, std=[127.5] * 3),
    in_channels=3,
    channels=128,
    res_channels=64,
    num_res_blocks=2,
    embedding_dim=64,
    num_embeddings=(512, 512),
    bottom_downsample=4,
    top_downsample=2,
    top_half_first_stage=True,
    quantizer=dict(type='VectorQuantizerEMA', beta=0.25, decay=0.99, eps=1e-5),
)
