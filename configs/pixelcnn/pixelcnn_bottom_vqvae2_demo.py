# CPU demo bottom prior for configs/vqvae2/vqvae2_demo.py: the PixelSNAIL stack without
# attention over the 8x8 bottom codes (K=64), conditioned on the 4x4 top codes (K=32, x2).
_base_ = ['./pixelcnn_bottom_vqvae2_ffhq256.py']
codes = dict(codes_file='data/demo/vqvae2_codes.npz', code_key='bottom', cond_key='top')
train_dataloader = dict(batch_size=32, num_workers=0, dataset=codes)
val_dataloader = dict(batch_size=64, num_workers=0, dataset=codes)
test_dataloader = val_dataloader
model = dict(
    net=dict(
        num_codes=64,
        channels=64,
        kernel_size=3,
        num_blocks=2,
        num_res_layers=2,
        res_channels=64,
        cond_num_codes=32,
        cond_channels=32,
        cond_res_blocks=1,
    )
)
optim_wrapper = dict(optimizer=dict(lr=1e-3))
train_cfg = dict(max_iters=1000, val_interval=500)
default_hooks = dict(logger=dict(interval=50), checkpoint=dict(interval=1000, max_keep_ckpts=1))
