# VQ-VAE-2 top prior: PixelSNAIL (Chen et al., 2018) over the 32x32 top codes (K=512), with the
# settings of the reference implementation (rosinality/vq-vae-2-pytorch, 84.9M parameters):
# C=256, 5x5 causal kernels, 4 blocks of 4 gated residual layers + causal 8-head attention,
# dropout 0.1. The paper's ImageNet prior is the same net at C=512, 20 output layers.
# Codes: python tools/misc/extract_vq_codes.py configs/vqvae2/vqvae2_ffhq256.py CKPT \
#            --out data/ffhq/vqvae2_codes.npz
_base_ = [
    '../_base_/datasets/vq_codes.py',
    '../_base_/schedules/adam_iters.py',
]
codes = dict(codes_file='data/ffhq/vqvae2_codes.npz', code_key='top')
train_dataloader = dict(batch_size=32, dataset=codes)
val_dataloader = dict(batch_size=32, dataset=codes)
test_dataloader = val_dataloader
model = dict(
    type='PixelCNNPrior',
    net=dict(
        type='PixelSNAIL',
        num_codes=512,
        channels=256,
        kernel_size=5,
        num_blocks=4,
        num_res_layers=4,
        res_channels=256,
        attention=True,
        num_heads=8,
        dropout=0.1,
    ),
)
optim_wrapper = dict(optimizer=dict(lr=3e-4))
train_cfg = dict(max_iters=200000, val_interval=10000)
