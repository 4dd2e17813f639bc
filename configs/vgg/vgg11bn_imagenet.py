# VGG-11 with batch normalisation after every conv (a later variant, as in torchvision).
_base_ = ['./vgg11_imagenet.py']
model = dict(backbone=dict(norm_cfg=dict(type='BN')))
