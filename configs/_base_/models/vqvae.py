# VQ-VAE (van den Oord et al., 2017): two 4x4 stride-2 convs + 2 residual units, K=512 codes of
# D=64, beta=0.25; images normalised to [-1, 1].
num_embeddings = 512
embedding_dim = 64
model = dict(
    type='VQVAE',
    data_preprocessor=dict(type='ImgDataPreprocessor', mean=[127.5] * 3, std=[127.5] * 3),
    encoder=dict(
        type='VQVAEEncoder',
        in_channels=3,
        channels=128,
        res_channels=32,
        num_res_blocks=2,
        downsample=4,
        out_channels=embedding_dim,
    ),
    decoder=dict(
        type='VQVAEDecoder',
        in_channels=embedding_dim,
        out_channels=3,
        channels=128,
        res_channels=32,
        num_res_blocks=2,
        upsample=4,
    ),
    quantizer=dict(
        type='VectorQuantizer',
        num_embeddings=num_embeddings,
        embedding_dim=embedding_dim,
        beta=0.25,
    ),
)
