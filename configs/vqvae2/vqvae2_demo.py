# CPU demo: VQ-VAE-2 scaled to 32x32 images -> bottom 8x8 (K=64) and top 4x4 (K=32) codes, on
# the generated shapes/gradients/textures folder (make_demo_data.py --only vq_images).
_base_ = [
    '../_base_/models/vqvae2.py',
    '../_base_/datasets/vq_images_demo.py',
    '../_base_/schedules/adam_iters.py',
]
# The wider top encoder: with 64 channels the reference's 32-channel top stage let the top codes
# collapse to one code (perplexity 1.0 of 32 after 1500 iterations; the wider stage: 8.1 after 200).
model = dict(
    channels=64,
    res_channels=32,
    num_res_blocks=1,
    embedding_dim=16,
    num_embeddings=(32, 64),
    top_half_first_stage=False,
)
optim_wrapper = dict(optimizer=dict(lr=1e-3))
train_cfg = dict(max_iters=1500, val_interval=500)
default_hooks = dict(logger=dict(interval=50), checkpoint=dict(interval=1500, max_keep_ckpts=1))
