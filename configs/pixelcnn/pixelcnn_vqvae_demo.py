# CPU demo prior for configs/vqvae/vqvae_demo.py: class-conditional gated PixelCNN over its 8x8
# codes (K=64), 3 classes (shapes / gradients / textures).
# Codes: python tools/misc/extract_vq_codes.py configs/vqvae/vqvae_demo.py CKPT \
#            --out data/demo/vqvae_codes.npz
_base_ = ['./pixelcnn_vqvae_cifar10.py']
codes = dict(codes_file='data/demo/vqvae_codes.npz')
train_dataloader = dict(batch_size=32, num_workers=0, dataset=codes)
val_dataloader = dict(batch_size=64, num_workers=0, dataset=codes)
test_dataloader = val_dataloader
# Dropout and a short schedule: on 3000 demo images a longer run overfits the codes.
model = dict(net=dict(num_codes=64, channels=64, num_layers=6, num_classes=3, dropout=0.1))
optim_wrapper = dict(optimizer=dict(lr=1e-3))
train_cfg = dict(max_iters=800, val_interval=200)
default_hooks = dict(logger=dict(interval=50), checkpoint=dict(interval=800, max_keep_ckpts=1))
