# Seed 004 (VQ-VAE, NeurIPS 2017): CIFAR-10 32x32 -> 8x8 codes, K=512, Adam 2e-4, batch 128,
# 250k steps. Stage 2: tools/misc/extract_vq_codes.py, then configs/pixelcnn/.
_base_ = [
    '../_base_/models/vqvae.py',
    '../_base_/datasets/cifar10_vq.py',
    '../_base_/schedules/adam_iters.py',
]
optim_wrapper = dict(optimizer=dict(lr=2e-4))
train_cfg = dict(max_iters=250000, val_interval=10000)
