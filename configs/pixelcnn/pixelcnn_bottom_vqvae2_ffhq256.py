# VQ-VAE-2 bottom prior: the PixelSNAIL stack without attention over the 64x64 bottom codes,
# conditioned on the 32x32 top codes (one-hot -> 3x3 conv + 3 gated layers, upsampled x2, added
# before every gate), as the paper's appendix and the reference implementation do (89.8M).
_base_ = ['./pixelsnail_top_vqvae2_ffhq256.py']
codes = dict(code_key='bottom', cond_key='top')
train_dataloader = dict(dataset=codes)
val_dataloader = dict(dataset=codes)
test_dataloader = val_dataloader
model = dict(net=dict(attention=False, cond_num_codes=512, cond_channels=256, cond_res_blocks=3))
