# VQ-VAE-2 top prior (appendix A.1): PixelSNAIL-style over the 32x32 top codes: 20 gated
# residual layers of 512 channels, 5x5 filters, causal 8-head attention every 5 layers, dropout
# 0.1, a 20-block 1x1 residual output stack.
# Codes: python tools/vqvae/extract_codes.py configs/vqvae2/vqvae2_ffhq256.py CKPT \
#            --out data/ffhq/vqvae2_codes.npz
_base_ = [
    '../_base_/datasets/vq_codes.py',
    '../_base_/schedules/adam_iters.py',
    '../_base_/default_runtime.py',
]
codes_file = 'data/ffhq/vqvae2_codes.npz'
train_dataloader = dict(batch_size=64, dataset=dict(codes_file=codes_file, code_key='top'))
val_dataloader = dict(batch_size=64, dataset=dict(codes_file=codes_file, code_key='top'))
test_dataloader = val_dataloader
model = dict(
    type='PixelCNNPrior',
    net=dict(
        type='PixelSNAIL',
        num_codes=512,
        channels=512,
        num_layers=20,
        kernel_size=5,
        first_kernel_size=5,
        attention_every=5,
        num_heads=8,
        dropout=0.1,
        num_out_res_blocks=20,
    ),
)
optim_wrapper = dict(optimizer=dict(lr=3e-4))
train_cfg = dict(max_iters=200000, val_interval=10000)
default_hooks = dict(
    logger=dict(interval=100),
    checkpoint=dict(by_epoch=False, interval=10000, max_keep_ckpts=3),
)
log_processor = dict(by_epoch=False)
