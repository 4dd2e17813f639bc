# CPU demo top prior for configs/vqvae2/vqvae2_demo.py: PixelSNAIL over the 4x4 top codes
# (K=32): 2 blocks of 2 gated residual layers + causal 4-head attention, C=64.
# Codes: python tools/misc/extract_vq_codes.py configs/vqvae2/vqvae2_demo.py CKPT \
#            --out data/demo/vqvae2_codes.npz
_base_ = ['./pixelsnail_top_vqvae2_ffhq256.py']
codes = dict(codes_file='data/demo/vqvae2_codes.npz')
train_dataloader = dict(batch_size=32, num_workers=0, dataset=codes)
val_dataloader = dict(batch_size=64, num_workers=0, dataset=codes)
test_dataloader = val_dataloader
model = dict(
    net=dict(
        num_codes=32,
        channels=64,
        kernel_size=3,
        num_blocks=2,
        num_res_layers=2,
        res_channels=64,
        num_heads=4,
    )
)
optim_wrapper = dict(optimizer=dict(lr=1e-3))
# Short schedule: the 4x4 top codes of 3000 demo images are few, longer runs overfit.
train_cfg = dict(max_iters=600, val_interval=200)
default_hooks = dict(logger=dict(interval=50), checkpoint=dict(interval=600, max_keep_ckpts=1))
