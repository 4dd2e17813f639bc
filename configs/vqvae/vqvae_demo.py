# CPU demo: a narrower VQ-VAE (K=64 codes of D=16, 8x8 code maps) on the generated 32x32
# shapes/gradients/textures folder (make_demo_data.py --only vq_images), a few CPU minutes.
_base_ = [
    '../_base_/models/vqvae.py',
    '../_base_/datasets/vq_images_demo.py',
    '../_base_/schedules/adam_iters.py',
]
num_embeddings = 64
embedding_dim = 16
model = dict(
    encoder=dict(channels=64, res_channels=16, num_res_blocks=1, out_channels=embedding_dim),
    decoder=dict(in_channels=embedding_dim, channels=64, res_channels=16, num_res_blocks=1),
    quantizer=dict(num_embeddings=num_embeddings, embedding_dim=embedding_dim),
)
optim_wrapper = dict(optimizer=dict(lr=1e-3))
train_cfg = dict(max_iters=1500, val_interval=500)
default_hooks = dict(logger=dict(interval=50), checkpoint=dict(interval=1500, max_keep_ckpts=1))
