# Seed 004 (VQ-VAE-2, NeurIPS 2019): two-level VQ-VAE on 256x256 faces -> bottom 64x64 and top
# 32x32 code maps; hidden 128, residual 64, K=512, D=64, EMA decay 0.99, beta 0.25, Adam 3e-4,
# batch 128 (appendix A). Stage 2: extract_vq_codes.py, then the two configs/pixelcnn/*vqvae2* priors.
_base_ = [
    '../_base_/models/vqvae2.py',
    '../_base_/datasets/ffhq256.py',
    '../_base_/schedules/adam_iters.py',
]
optim_wrapper = dict(optimizer=dict(lr=3e-4))
train_cfg = dict(max_iters=200000, val_interval=10000)
