# Stage 2 of VQ-VAE on CIFAR-10: a class-conditional gated PixelCNN over the 8x8 codes (K=512).
# Codes: python tools/misc/extract_vq_codes.py configs/vqvae/vqvae_cifar10.py CKPT \
#            --out data/cifar10/vqvae_codes.npz
_base_ = [
    '../_base_/datasets/vq_codes.py',
    '../_base_/schedules/adam_iters.py',
]
codes = dict(codes_file='data/cifar10/vqvae_codes.npz')
train_dataloader = dict(batch_size=128, dataset=codes)
val_dataloader = dict(batch_size=256, dataset=codes)
test_dataloader = val_dataloader
model = dict(
    type='PixelCNNPrior',
    net=dict(
        type='GatedPixelCNN',
        num_codes=512,
        channels=128,
        num_layers=15,
        kernel_size=3,
        first_kernel_size=7,
        num_classes=10,
    ),
)
optim_wrapper = dict(optimizer=dict(lr=3e-4))
train_cfg = dict(max_iters=100000, val_interval=5000)
default_hooks = dict(checkpoint=dict(interval=5000))
