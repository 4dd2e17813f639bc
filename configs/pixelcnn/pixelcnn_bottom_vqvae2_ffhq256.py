# VQ-VAE-2 bottom prior (appendix A.1): gated PixelCNN over the 64x64 bottom codes conditioned on
# the 32x32 top codes through a 20-block conditioning stack; no attention, dropout 0.1.
_base_ = [
    '../_base_/datasets/vq_codes.py',
    '../_base_/schedules/adam_iters.py',
    '../_base_/default_runtime.py',
]
codes_file = 'data/ffhq/vqvae2_codes.npz'
codes = dict(codes_file=codes_file, code_key='bottom', cond_key='top')
train_dataloader = dict(batch_size=32, dataset=codes)
val_dataloader = dict(batch_size=32, dataset=codes)
test_dataloader = val_dataloader
model = dict(
    type='PixelCNNPrior',
    net=dict(
        type='GatedPixelCNN',
        num_codes=512,
        channels=512,
        num_layers=20,
        kernel_size=5,
        first_kernel_size=5,
        dropout=0.1,
        cond_num_codes=512,
        cond_channels=512,
        cond_res_blocks=20,
        cond_upsample=2,
    ),
)
optim_wrapper = dict(optimizer=dict(lr=3e-4))
train_cfg = dict(max_iters=200000, val_interval=10000)
default_hooks = dict(
    logger=dict(interval=100),
    checkpoint=dict(by_epoch=False, interval=10000, max_keep_ckpts=3),
)
log_processor = dict(by_epoch=False)
