# CPU demo bottom prior for configs/vqvae2/vqvae2_demo.py: gated PixelCNN over the 8x8 bottom
# codes (K=64) conditioned on the 4x4 top codes (K=32, upsampled x2).
_base_ = ['./pixelcnn_bottom_vqvae2_ffhq256.py']
codes_file = 'data/demo/vqvae2_codes.npz'
codes = dict(codes_file=codes_file, code_key='bottom', cond_key='top')
train_dataloader = dict(batch_size=32, num_workers=0, dataset=codes)
val_dataloader = dict(batch_size=64, num_workers=0, dataset=codes)
test_dataloader = val_dataloader
model = dict(
    net=dict(
        num_codes=64,
        channels=64,
        num_layers=6,
        kernel_size=3,
        first_kernel_size=5,
        cond_num_codes=32,
        cond_channels=32,
        cond_res_blocks=1,
    )
)
optim_wrapper = dict(optimizer=dict(lr=1e-3))
train_cfg = dict(max_iters=1000, val_interval=500)
default_hooks = dict(logger=dict(interval=50), checkpoint=dict(interval=1000, max_keep_ckpts=1))
