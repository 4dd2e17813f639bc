# VGG-13 with batch normalisation after every conv (a later variant, as in torchvision).
_base_ = ['./vgg13_imagenet.py']
model = dict(backbone=dict(norm_cfg=dict(type='BN')))
